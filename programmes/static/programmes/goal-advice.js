// Say straight away when a ticked goal is one the activity type does not usually
// serve; the server still asks for the reason if none is given.
(function () {
  const data = JSON.parse(document.getElementById("goal-advice-data").textContent);
  const advice = document.getElementById("goal-advice");
  const type = document.getElementById("id_activity_type");
  const boxes = document.querySelectorAll('input[name="goals"]');
  function update() {
    const served = data.served[type.value] || [];
    const odd = Array.from(boxes)
      .filter((box) => box.checked && type.value && !served.includes(box.value))
      .map((box) => data.goals[box.value]);
    if (odd.length) {
      advice.textContent = "A " + data.types[type.value].toLowerCase() +
        " does not usually serve " + odd.join(" and ") +
        ". Say why below, or untick " + (odd.length > 1 ? "them." : "it.");
      advice.hidden = false;
    } else {
      advice.hidden = true;
      advice.textContent = "";
    }
  }
  type.addEventListener("change", update);
  boxes.forEach((box) => box.addEventListener("change", update));
  update();
})();
