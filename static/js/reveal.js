// Follow-up questions under radios (NHS.UK's conditional reveal), shown for the picked
// radio only. Done here rather than by NHS.UK frontend's radios module because that sets
// aria-expanded on the radios, which ARIA does not allow on a radio (axe fails it).
document.querySelectorAll("[data-outreach-reveal]").forEach((group) => {
  const sync = () => {
    group.querySelectorAll("input[type=radio][aria-controls]").forEach((input) => {
      const target = document.getElementById(input.getAttribute("aria-controls"));
      if (target) target.classList.toggle("nhsuk-radios__conditional--hidden", !input.checked);
    });
  };
  group.addEventListener("change", sync);
  sync();
});
