/* Below every free text with a limit (textlimits.LimitedText marks it data-characters-left),
 * how many characters may still be typed.
 *
 * The words come translated from the attributes of this script's own tag (templates/base.html):
 * data-one, data-many and data-over, each with "{count}" where the number goes. The counter is
 * a polite live region, and the field names it in its aria-describedby, after whatever ids it
 * already has there (its help text, its errors).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var words = {
    one: script.getAttribute("data-one"),
    many: script.getAttribute("data-many"),
    over: script.getAttribute("data-over"),
  };
  var made = 0;

  function say(template, count) {
    return template.replace("{count}", String(count));
  }

  function counterFor(field) {
    if (!field.id) {
      made += 1;
      field.id = "limited-field-" + made;
    }
    var counter = document.createElement("span");
    counter.id = field.id + "-left";
    counter.className = "chars-left";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var described = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (described.indexOf(counter.id) < 0) described.push(counter.id);
    field.setAttribute("aria-describedby", described.join(" "));
    return counter;
  }

  function show(field, counter) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (isNaN(limit)) {
      counter.textContent = "";
      return;
    }
    var left = limit - field.value.length;
    counter.classList.toggle("over", left < 0);
    if (left < 0) counter.textContent = say(words.over, -left);
    else counter.textContent = say(left === 1 ? words.one : words.many, left);
  }

  function start() {
    var fields = document.querySelectorAll("[data-characters-left][maxlength]");
    Array.prototype.forEach.call(fields, function (field) {
      if (field.type === "hidden" || field.type === "password") return;
      var counter = counterFor(field);
      show(field, counter);
      field.addEventListener("input", function () {
        show(field, counter);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
