"""Directory pages. Thin: each finds its object inside the user's scope (404 outside),
checks the user may change it (403 otherwise), and writes through services.py."""

import copy
from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from outreach.accounts.access import RoleRequiredMixin
from outreach.accounts.roles import ALL_ROLES, Role
from outreach.accounts.scope import scope_for
from outreach.audit.services import record_access
from outreach.pagination import DeferredJoinPaginator

from . import selectors, services
from .filters import OrganisationFilter
from .forms import AmbassadorForm, ContactForm, OrganisationForm
from .models import Ambassador, Contact, Organisation

MANAGERS = frozenset({Role.WORKFORCE_LEAD, Role.ADMINISTRATOR})
PAGE_SIZE = 25


def _home_and_directory():
    return [("Home", reverse("home")), ("Directory", reverse("partners:organisation_list"))]


def _organisation_crumbs(organisation):
    return [
        *_home_and_directory(),
        (organisation.name, reverse("partners:organisation_detail", args=[organisation.pk])),
    ]


def _require_editable(user, organisation) -> None:
    """A visible organisation the user may not change answers 403."""
    if not Organisation.objects.editable_by(user).filter(pk=organisation.pk).exists():
        raise PermissionDenied


def _add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names (or at the top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DirectoryView(RoleRequiredMixin):
    """Every role may use the directory; which records they see is up to the querysets.

    Pages about one record override check_object_access(), which runs once the role
    check has passed: a record outside the user's scope answers 404 (the lookup is inside
    `for_user`), one they may see but not change answers 403.
    """

    allowed_roles = ALL_ROLES

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and scope_for(request.user).has_any(self.allowed_roles):
            self.check_object_access()
        return super().dispatch(request, *args, **kwargs)

    def check_object_access(self) -> None:
        pass


class OrganisationListView(DirectoryView, ListView):
    paginator_class = DeferredJoinPaginator
    template_name = "partners/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filterset = OrganisationFilter(
            self.request.GET or None,
            queryset=selectors.organisation_directory(self.request.user),
            user=self.request.user,
        )
        return self.filterset.qs

    def paginate_queryset(self, queryset, page_size):
        # get_page, not ListView's page(): a stale or mistyped page number shows the
        # nearest real page instead of a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter=self.filterset,
            breadcrumbs=[("Home", reverse("home"))],
            may_add=scope_for(self.request.user).has_any(MANAGERS),
            **kwargs,
        )


class OrganisationDetailView(DirectoryView, DetailView):
    template_name = "partners/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        return selectors.organisation_for_page(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            breadcrumbs=_home_and_directory(),
            groups_served=list(self.object.groups_served.all()),
            renewal_window_days=selectors.RENEWAL_WINDOW_DAYS,
            **kwargs,
        )
        organisation, user = self.object, self.request.user
        if organisation.sees_people:
            today = timezone.localdate()
            ambassadors = list(selectors.organisation_ambassadors(user, organisation))
            for ambassador in ambassadors:
                due = {r.what: r for r in selectors.renewals(ambassador, today=today)}
                ambassador.dbs_renewal = due.get("DBS check")
                ambassador.training_renewal = due.get("Safeguarding training")
                ambassador.year_groups_text = selectors.describe_year_groups(
                    ambassador.year_groups.all()
                )
            context["contacts"] = list(selectors.organisation_contacts(user, organisation))
            if context["contacts"]:
                record_access(
                    (Contact, ""),
                    detail=f"Contact details of {organisation} (organisation {organisation.pk})",
                    rows=len(context["contacts"]),
                )
            context["ambassadors"] = ambassadors
        return context


class ServiceFormView(DirectoryView, FormView):
    """A form whose valid data goes to one service call, then back to the organisation's
    page with a success message. A ValidationError from the service shows on the form."""

    def form_valid(self, form):
        try:
            organisation, message = self.save(form)
        except ValidationError as error:
            _add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect("partners:organisation_detail", pk=organisation.pk)

    def save(self, form):
        raise NotImplementedError


class OrganisationCreateView(ServiceFormView):
    allowed_roles = MANAGERS
    template_name = "partners/organisation_form.html"
    form_class = OrganisationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form):
        organisation = services.organisation_create(
            data=form.service_data(), groups_served=form.cleaned_data["groups_served"]
        )
        return organisation, f"{organisation.name} has been added to the directory"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Add an organisation",
            submit_label="Add organisation",
            cancel_url=reverse("partners:organisation_list"),
            breadcrumbs=_home_and_directory(),
            **kwargs,
        )


class ChangesOrganisation:
    """For pages that change something at `self.organisation`: 403 unless editable."""

    def check_object_access(self) -> None:
        _require_editable(self.request.user, self.organisation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.organisation,
            caption=self.organisation.name,
            cancel_url=reverse("partners:organisation_detail", args=[self.organisation.pk]),
            breadcrumbs=_organisation_crumbs(self.organisation),
            **kwargs,
        )


class OrganisationFromURL(ChangesOrganisation):
    @cached_property
    def organisation(self):
        return get_object_or_404(
            Organisation.objects.for_user(self.request.user).select_related("area"),
            pk=self.kwargs["pk"],
        )


class OrganisationEditView(OrganisationFromURL, ServiceFormView):
    template_name = "partners/organisation_form.html"
    form_class = OrganisationForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # A copy: validating a ModelForm writes into its instance, and the page's
        # heading and breadcrumbs must keep the saved name while errors are shown.
        kwargs.update(user=self.request.user, instance=copy.copy(self.organisation))
        return kwargs

    def save(self, form):
        organisation = services.organisation_update(
            organisation=form.instance,
            data=form.service_data(),
            groups_served=form.cleaned_data["groups_served"],
        )
        return organisation, f"The details of {organisation.name} have been saved"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Change organisation details", submit_label="Save changes", **kwargs
        )


class ContactFromURL(ChangesOrganisation):
    @cached_property
    def contact(self):
        return get_object_or_404(
            Contact.objects.for_user(self.request.user).select_related("organisation"),
            pk=self.kwargs["pk"],
        )

    @property
    def organisation(self):
        return self.contact.organisation


class ContactFormMixin:
    template_name = "partners/person_form.html"
    form_class = ContactForm

    def get_form_kwargs(self):
        key_contact = (
            selectors.organisation_contacts(self.request.user, self.organisation)
            .filter(is_key_contact=True)
            .first()
        )
        return {**super().get_form_kwargs(), "key_contact": key_contact}


class ContactCreateView(ContactFormMixin, OrganisationFromURL, ServiceFormView):
    def save(self, form):
        contact = services.contact_create(organisation=self.organisation, data=form.service_data())
        if contact.is_key_contact:
            return self.organisation, f"{contact.name} has been added as the key contact"
        return self.organisation, f"{contact.name} has been added to the contacts"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Add a contact", submit_label="Add contact", **kwargs
        )


class ContactEditView(ContactFormMixin, ContactFromURL, ServiceFormView):
    def get(self, request, *args, **kwargs):
        record_access(self.contact, detail="Name, email and phone on the edit form")
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": copy.copy(self.contact)}

    def save(self, form):
        contact = services.contact_update(contact=form.instance, data=form.service_data())
        return self.organisation, f"The details of {contact.name} have been saved"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Change contact details", submit_label="Save changes", **kwargs
        )


class ContactDeleteView(ContactFromURL, DirectoryView, TemplateView):
    """GET asks "are you sure?"; POST removes the contact."""

    template_name = "partners/contact_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        name = self.contact.name
        services.contact_delete(contact=self.contact)
        messages.success(request, f"{name} has been removed from the contacts")
        return redirect("partners:organisation_detail", pk=self.organisation.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact=self.contact, **kwargs)


class ContactMakeKeyView(ContactFromURL, DirectoryView, View):
    """POST only: the "Make key contact" button beside a contact."""

    http_method_names = ["post"]

    def check_object_access(self) -> None:
        if self.request.method == "POST":
            super().check_object_access()

    def post(self, request, *args, **kwargs):
        contact = services.contact_make_key(contact=self.contact)
        messages.success(request, f"{contact.name} is now the key contact")
        return redirect("partners:organisation_detail", pk=self.organisation.pk)


class AmbassadorCreateView(OrganisationFromURL, ServiceFormView):
    template_name = "partners/person_form.html"
    form_class = AmbassadorForm

    def save(self, form):
        ambassador = services.ambassador_create(
            organisation=self.organisation,
            data=form.service_data(),
            year_groups=form.cleaned_data["year_groups"],
        )
        return self.organisation, f"{ambassador.name} has been added to the ambassadors"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Add an ambassador", submit_label="Add ambassador", **kwargs
        )


class AmbassadorEditView(ChangesOrganisation, ServiceFormView):
    template_name = "partners/person_form.html"
    form_class = AmbassadorForm

    @cached_property
    def ambassador(self):
        return get_object_or_404(
            Ambassador.objects.for_user(self.request.user).select_related("organisation"),
            pk=self.kwargs["pk"],
        )

    @property
    def organisation(self):
        return self.ambassador.organisation

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": copy.copy(self.ambassador)}

    def save(self, form):
        ambassador = services.ambassador_update(
            ambassador=form.instance,
            data=form.service_data(),
            year_groups=form.cleaned_data["year_groups"],
        )
        return self.organisation, f"The details of {ambassador.name} have been saved"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title="Change ambassador details", submit_label="Save changes", **kwargs
        )
