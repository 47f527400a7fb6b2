/* Kiosk mode for a shared tablet (no build step, no dependencies).
   - Each submission carries a client-made id; the server stores it once, so sending the
     same answers again (a retry, a flaky network) never makes a second response.
   - Answers are sent with fetch(). When the tablet is offline, or the send fails, they
     wait in localStorage and are sent when the connection returns (the "online" event)
     or on the next tick of a timer.
   - After each submission: a thank-you screen, then a fresh empty form. Nothing typed by
     one person can be brought back by the next. The form also clears after a set time
     with nobody touching it. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-kiosk]");
  if (!form) return;
  var KEY = "outreach-kiosk-queue:" + form.getAttribute("data-token");
  var idleSeconds = parseInt(form.getAttribute("data-idle-seconds"), 10) || 90;
  var area = document.querySelector("[data-form-area]");
  var thanks = document.getElementById("kiosk-thanks");
  var status = document.getElementById("kiosk-status");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var sending = false;
  var idleTimer = null;
  var thanksTimer = null;

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }

  function store(queue) {
    localStorage.setItem(KEY, JSON.stringify(queue));
    showStatus();
  }

  function showStatus() {
    var waiting = load().length;
    if (status) {
      status.textContent = waiting
        ? waiting + (waiting === 1 ? " set of answers is" : " sets of answers are") + " saved on this tablet and will be sent when it is back online."
        : "";
    }
  }

  function fields() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "client_id") pairs.push([name, String(value)]);
    });
    return pairs;
  }

  function post(item) {
    var body = new URLSearchParams();
    item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.append("client_id", item.id);
    return fetch(form.action || window.location.pathname, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    });
  }

  function flush() {
    if (sending || !navigator.onLine) return Promise.resolve();
    var queue = load();
    if (!queue.length) return Promise.resolve();
    sending = true;
    var item = queue[0];
    return post(item).then(function (response) {
      // Stored (201), or refused for good (bad answers, closed link): either way it leaves
      // the queue. Rate-limited (429) or a server error: try again later.
      if (response.ok || response.status === 400 || response.status === 404 || response.status === 410) {
        store(load().filter(function (other) { return other.id !== item.id; }));
        sending = false;
        return flush();
      }
      sending = false;
    }, function () { sending = false; });
  }

  function missingRequired() {
    var missing = [];
    var blocks = form.querySelectorAll("[data-required]");
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (!window.OutreachQuestionnaire.isVisible(block)) continue;
      var inputs = block.querySelectorAll("input, textarea, select");
      var answered = false;
      for (var j = 0; j < inputs.length; j++) {
        var input = inputs[j];
        if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value.trim()) answered = true;
      }
      if (!answered) missing.push(block);
    }
    return missing;
  }

  // Offline, the server cannot say what is missing, so the page does, in the same NHS
  // error summary the server would show. Built with textContent: no markup from answers.
  function showMissing(blocks) {
    removeSummary();
    var summary = document.createElement("div");
    summary.className = "nhsuk-error-summary";
    summary.setAttribute("tabindex", "-1");
    summary.setAttribute("data-kiosk-summary", "");
    var alert = document.createElement("div");
    alert.setAttribute("role", "alert");
    var heading = document.createElement("h2");
    heading.className = "nhsuk-error-summary__heading";
    heading.textContent = "There is a problem";
    var list = document.createElement("ul");
    list.className = "nhsuk-list nhsuk-error-summary__list";
    blocks.forEach(function (block) {
      var first = block.querySelector("input, textarea, select");
      var label = block.querySelector("legend, label");
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + first.id;
      link.textContent = "Answer: " + (label ? label.textContent.trim() : "this question");
      link.addEventListener("click", function (event) {
        event.preventDefault();
        first.focus();
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    alert.appendChild(heading);
    var body = document.createElement("div");
    body.className = "nhsuk-error-summary__body";
    body.appendChild(list);
    alert.appendChild(body);
    summary.appendChild(alert);
    form.insertBefore(summary, form.firstChild);
    summary.focus();
  }

  function removeSummary() {
    var old = form.querySelector("[data-kiosk-summary]");
    if (old) old.remove();
  }

  function clearForm() {
    var inputs = form.querySelectorAll("input, textarea, select");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.type === "hidden") continue;
      if (input.type === "radio" || input.type === "checkbox") input.checked = false;
      else if (input.tagName === "SELECT") input.selectedIndex = 0;
      else input.value = "";
    }
    var errors = document.querySelectorAll(".nhsuk-error-summary, .nhsuk-error-message");
    for (var k = 0; k < errors.length; k++) errors[k].remove();
    var groups = form.querySelectorAll(".nhsuk-form-group--error");
    for (var m = 0; m < groups.length; m++) groups[m].classList.remove("nhsuk-form-group--error");
    form.querySelector("[name=client_id]").value = newId();
    window.OutreachQuestionnaire.update();
  }

  function showThanks() {
    clearForm();
    area.hidden = true;
    thanks.hidden = false;
    thanks.focus();
    window.scrollTo(0, 0);
    clearTimeout(thanksTimer);
    thanksTimer = setTimeout(nextPerson, 8000);
  }

  function nextPerson() {
    clearTimeout(thanksTimer);
    clearForm();
    thanks.hidden = true;
    area.hidden = false;
    window.scrollTo(0, 0);
    var heading = area.querySelector("h1");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }

  form.addEventListener("submit", function (event) {
    var idField = form.querySelector("[name=client_id]");
    if (!idField.value) idField.value = newId();
    var item = { id: idField.value, fields: fields() };
    var missing = missingRequired();
    if (missing.length) {
      if (navigator.onLine) return; // the server shows which answers are missing
      event.preventDefault();
      showMissing(missing);
      return;
    }
    event.preventDefault();
    removeSummary();
    if (!navigator.onLine) {
      store(load().concat([item]));
      showThanks();
      return;
    }
    post(item).then(function (response) {
      if (response.status === 400) {
        form.submit(); // let the server show its messages beside the answers
        return;
      }
      if (!response.ok) store(load().concat([item]));
      showThanks();
    }, function () {
      store(load().concat([item]));
      showThanks();
    });
  });

  var next = thanks.querySelector("[data-next-person]");
  next.addEventListener("click", function (event) {
    event.preventDefault();
    nextPerson();
  });

  function touched() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(function () {
      if (!thanks.hidden) nextPerson();
      else clearForm();
    }, idleSeconds * 1000);
  }
  ["input", "change", "keydown", "pointerdown"].forEach(function (name) {
    document.addEventListener(name, touched, true);
  });
  // A page brought back from the browser's history must not show someone's answers.
  window.addEventListener("pageshow", function (event) { if (event.persisted) clearForm(); });

  window.addEventListener("online", flush);
  setInterval(flush, 10000);
  if (!thanks.hidden) thanksTimer = setTimeout(nextPerson, 8000);
  touched();
  showStatus();
  flush();
})();
