from django.urls import path

from . import views

app_name = "partner_imports"

urlpatterns = [
    path("schools/", views.SchoolImportView.as_view(), name="schools"),
    path("imd/", views.ImdImportView.as_view(), name="imd"),
]
