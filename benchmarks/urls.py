"""The application's URLs plus `bench/bare/`: a view that does nothing, so its rate is
what Django and the middleware stack can serve on this server at most."""

from django.http import HttpResponse
from django.urls import path

from outreach import urls as app_urls
from outreach.accounts.access import PUBLIC, access


@access(PUBLIC)
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *app_urls.urlpatterns]

handler400 = app_urls.handler400
handler403 = app_urls.handler403
handler404 = app_urls.handler404
handler500 = app_urls.handler500
