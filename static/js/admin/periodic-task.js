// django-celery-beat's periodic task form: say in words when the chosen crontab runs.
// Its template did this in an inline script; here the text is set as text, not HTML.
(function () {
  "use strict";
  const $ = django.jQuery;
  const readable = JSON.parse(document.getElementById("readable-crontabs").textContent);
  const help = $(".field-crontab .help");
  const original = help.text().trim();

  $(".field-crontab_translation").hide();
  $(".field-crontab").change(function () {
    const words = readable[$("#id_crontab").val()];
    help.text(original);
    if (words) help.append("<br>", document.createTextNode("Translation: " + words));
  });
})();
