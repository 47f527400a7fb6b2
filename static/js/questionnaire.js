/* Show-if questions for any questionnaire page (no build step, no dependencies).
   Without JavaScript every question shows and the server ignores answers to questions
   whose condition was not met. data-show-if="name=value" shows a block only when that
   answer is chosen; data-hide-if hides it when it is. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-questionnaire-form]");
  if (!form) return;

  function chosen(name, value) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if ((input.type === "radio" || input.type === "checkbox") && input.checked && input.value === value) return true;
      if (input.tagName === "SELECT" && input.value === value) return true;
    }
    return false;
  }

  function visible(el) {
    while (el && el !== form) {
      if (el.hidden) return false;
      el = el.parentElement;
    }
    return true;
  }

  function update() {
    var blocks = form.querySelectorAll("[data-show-if], [data-hide-if]");
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      var rule = block.getAttribute("data-show-if") || block.getAttribute("data-hide-if");
      var parts = rule.split("=");
      var match = chosen(parts[0], parts.slice(1).join("="));
      var controller = form.querySelector('[name="' + parts[0] + '"]');
      if (controller && !visible(controller)) match = false;
      block.hidden = block.hasAttribute("data-show-if") ? !match : match;
    }
  }

  form.addEventListener("change", update);
  // The preview's form goes nowhere: Enter in a text answer must not reload the page.
  if (form.hasAttribute("data-questionnaire-preview")) {
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }
  window.OutreachQuestionnaire = { update: update, isVisible: visible };
  update();
})();
