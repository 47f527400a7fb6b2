from django.urls import path

from .views import builder, respond, results, themes, translations

app_name = "surveys"

urlpatterns = [
    path("", builder.questionnaire_list, name="list"),
    path("new/", builder.questionnaire_create, name="create"),
    path("<int:pk>/", builder.questionnaire_detail, name="detail"),
    path("<int:pk>/settings/", builder.questionnaire_settings, name="settings"),
    path("<int:pk>/questions/new/", builder.question_add, name="question_add"),
    path("<int:pk>/questions/<slug:key>/", builder.question_edit, name="question_edit"),
    path("<int:pk>/questions/<slug:key>/move/", builder.question_move, name="question_move"),
    path("<int:pk>/questions/<slug:key>/remove/", builder.question_delete, name="question_delete"),
    path("<int:pk>/sections/new/", builder.section_add, name="section_add"),
    path("<int:pk>/preview/", builder.preview, name="preview"),
    path("<int:pk>/share/", builder.share, name="share"),
    path("<int:pk>/qr.<str:fmt>", builder.qr_code, name="qr"),
    path("<int:pk>/results/", results.results, name="results"),
    path("<int:pk>/compare/", results.compare, name="compare"),
    path("<int:pk>/export/<str:fmt>/", results.export, name="export"),
    path("<int:pk>/themes/", themes.themes, name="themes"),
    path("<int:pk>/themes/new/", themes.theme_add, name="theme_add"),
    path("<int:pk>/answers/<int:answer_id>/themes/", themes.answer_tag, name="answer_tag"),
    path("<int:pk>/translations/", translations.translations, name="translations"),
    path(
        "<int:pk>/translations/<slug:language>/",
        translations.translation_edit,
        name="translation_edit",
    ),
    path("q/<str:token>/", respond.respond, name="respond"),
    path("q/<str:token>/kiosk/", respond.kiosk, name="kiosk"),
    path("q/<str:token>/thanks/", respond.thanks, name="thanks"),
]
