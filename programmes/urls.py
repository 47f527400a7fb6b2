from django.urls import path

from .views import barriers, calendar, events, imports, plans, programmes

app_name = "programmes"

urlpatterns = [
    path("", programmes.programme_list, name="list"),
    path("new/", programmes.programme_create, name="create"),
    path("<int:pk>/", programmes.programme_detail, name="detail"),
    path("<int:pk>/edit/", programmes.programme_edit, name="edit"),
    path("<int:pk>/partners/", programmes.programme_partners, name="partners"),
    path("partners/<int:pk>/remove/", programmes.partner_remove, name="partner_remove"),
    path("<int:pk>/target-schools/", programmes.target_schools, name="target_schools"),
    path("<int:pk>/targets/", programmes.targets, name="targets"),
    path("targets/<int:pk>/delete/", programmes.target_delete, name="target_delete"),
    path("<int:pk>/plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/activities/new/", plans.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", plans.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", plans.activity_delete, name="activity_delete"),
    path("events/", events.event_list, name="events"),
    path("events/new/", events.event_start, name="event_start"),
    path("<int:pk>/events/new/", events.event_create, name="event_create"),
    path("events/<int:pk>/", events.event_detail, name="event"),
    path("events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", events.event_delete, name="event_delete"),
    path("events/<int:pk>/quotes/", events.quote_add, name="quote_add"),
    path("quotes/<int:pk>/delete/", events.quote_delete, name="quote_delete"),
    path("<int:pk>/barriers/", barriers.board, name="board"),
    path("<int:pk>/barriers/list/", barriers.barrier_list, name="barriers"),
    path("<int:pk>/barriers/new/", barriers.barrier_create, name="barrier_create"),
    path("barriers/<int:pk>/edit/", barriers.barrier_edit, name="barrier_edit"),
    path("barriers/<int:pk>/delete/", barriers.barrier_delete, name="barrier_delete"),
    path("<int:pk>/actions/new/", barriers.action_create, name="action_create"),
    path("actions/<int:pk>/edit/", barriers.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", barriers.action_delete, name="action_delete"),
    path("<int:pk>/events/upload/", imports.upload, name="import_upload"),
    path("uploads/<int:pk>/", imports.preview, name="import"),
    path("events/template.csv", imports.template_csv, name="import_template_csv"),
    path("events/template.xlsx", imports.template_xlsx, name="import_template_xlsx"),
    path("events/calendar/", calendar.month, name="calendar"),
    path("<int:pk>/calendar.ics", calendar.programme_ical, name="programme_ical"),
    path("schools/<int:pk>/calendar.ics", calendar.school_ical, name="school_ical"),
]

# Workshop booking (appended).
from .views import bookings as booking_views  # noqa: E402

urlpatterns += [
    path("workshops/", booking_views.workshops, name="workshops"),
    path("workshops/<int:pk>/", booking_views.workshop, name="workshop"),
    path("slots/<int:pk>/book/", booking_views.book, name="book"),
    path("my-bookings/", booking_views.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/cancel/", booking_views.booking_cancel, name="booking_cancel"),
    path("waiting-list/<int:pk>/leave/", booking_views.waitlist_leave, name="waitlist_leave"),
    path("waiting-list/<int:pk>/accept/", booking_views.waitlist_accept, name="waitlist_accept"),
    path("offers/", booking_views.offers, name="offers"),
    path("offers/new/", booking_views.offer_create, name="offer_create"),
    path("offers/<int:pk>/edit/", booking_views.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/slots/new/", booking_views.slot_create, name="slot_create"),
    path("slots/<int:pk>/", booking_views.slot_detail, name="slot"),
    path(
        "bookings/<int:pk>/attendance/",
        booking_views.booking_attendance,
        name="booking_attendance",
    ),
    path(
        "waiting-list/<int:pk>/priority/",
        booking_views.waitlist_priority,
        name="waitlist_priority",
    ),
    path("diary/", booking_views.diary, name="diary"),
]

urlpatterns += [
    path("requests/", booking_views.requests, name="requests"),
    path("requests/new/", booking_views.request_create, name="request_create"),
    path("requests/<int:pk>/", booking_views.request_detail, name="request"),
    path("proposals/<int:pk>/accept/", booking_views.proposal_accept, name="proposal_accept"),
]

urlpatterns += [
    path("my-school/", booking_views.school_record, name="school_record"),
    path("my-school/encounters.csv", booking_views.school_record_csv, name="school_record_csv"),
    path("my-school/encounters.pdf", booking_views.school_record_pdf, name="school_record_pdf"),
]

urlpatterns += [
    path("diary/feed/<str:token>/diary.ics", booking_views.diary_ical, name="diary_ical")
]

# Participant pathways (issue 7)
from .views import participants  # noqa: E402

urlpatterns += [
    path("cohorts/", participants.cohort_list, name="cohorts"),
    path("<int:pk>/cohorts/new/", participants.cohort_create, name="cohort_create"),
    path("cohorts/<int:pk>/", participants.cohort_detail, name="cohort"),
    path("cohorts/<int:pk>/edit/", participants.cohort_edit, name="cohort_edit"),
    path(
        "cohorts/<int:pk>/participants/new/",
        participants.participant_create,
        name="participant_create",
    ),
    path("participants/<int:pk>/", participants.participant_detail, name="participant"),
    path("participants/<int:pk>/edit/", participants.participant_edit, name="participant_edit"),
    path("participants/<int:pk>/stages/new/", participants.stage_record, name="stage_record"),
    path("participants/<int:pk>/support/new/", participants.support_add, name="support_add"),
    path("participants/<int:pk>/erase/", participants.participant_erase, name="participant_erase"),
    path("check-ins/", participants.check_in_list, name="check_ins"),
    path("check-ins/<int:pk>/", participants.check_in_answer, name="check_in"),
]

from .views import participants_imd  # noqa: E402

urlpatterns += [path("imd-lookup/", participants_imd.imd_lookup, name="imd_lookup")]

from .views import participants_import  # noqa: E402

urlpatterns += [
    path("cohorts/<int:pk>/upload/", participants_import.upload, name="participant_upload"),
    path(
        "participant-uploads/<int:pk>/",
        participants_import.preview,
        name="participant_import",
    ),
    path(
        "participants/template.csv",
        participants_import.template_csv,
        name="participant_template_csv",
    ),
    path(
        "participants/template.xlsx",
        participants_import.template_xlsx,
        name="participant_template_xlsx",
    ),
]
