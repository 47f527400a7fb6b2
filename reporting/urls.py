from django.urls import path

from . import views_exports

app_name = "reporting"

urlpatterns = [
    path("exports/", views_exports.exports, name="exports"),
    path("exports/download/", views_exports.export_download, name="export_download"),
]
