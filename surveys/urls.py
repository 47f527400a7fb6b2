from django.urls import path

from .views import respond

app_name = "surveys"

urlpatterns = [
    path("q/<str:token>/", respond.respond, name="respond"),
    path("q/<str:token>/kiosk/", respond.kiosk, name="kiosk"),
    path("q/<str:token>/thanks/", respond.thanks, name="thanks"),
]
