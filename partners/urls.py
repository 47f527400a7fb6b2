from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path("new/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path("<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("<int:pk>/edit/", views.OrganisationEditView.as_view(), name="organisation_edit"),
    path("<int:pk>/contacts/new/", views.ContactCreateView.as_view(), name="contact_create"),
    path("contacts/<int:pk>/edit/", views.ContactEditView.as_view(), name="contact_edit"),
    path("contacts/<int:pk>/delete/", views.ContactDeleteView.as_view(), name="contact_delete"),
    path(
        "contacts/<int:pk>/make-key/", views.ContactMakeKeyView.as_view(), name="contact_make_key"
    ),
    path(
        "<int:pk>/ambassadors/new/", views.AmbassadorCreateView.as_view(), name="ambassador_create"
    ),
    path("ambassadors/<int:pk>/edit/", views.AmbassadorEditView.as_view(), name="ambassador_edit"),
]
