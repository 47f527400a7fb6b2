from django.urls import path

from . import views, views_exports

app_name = "reporting"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/status/", views.run_status, name="run_status"),
    path("runs/<int:pk>/retry/", views.run_retry, name="run_retry"),
    path("runs/<int:pk>/files/<str:fmt>/", views.run_download, name="run_download"),
    path("schedules/new/", views.schedule_new, name="schedule_new"),
    path("schedules/<int:pk>/stop/", views.schedule_stop, name="schedule_stop"),
    path("exports/", views_exports.exports, name="exports"),
    path("exports/download/", views_exports.export_download, name="export_download"),
]
