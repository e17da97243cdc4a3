// Progressive enhancement for practice-model forms: hide questions whose `show_if` does not hold.
// Without JavaScript every question shows and the server ignores answers that do not apply.
(function () {
  "use strict";
  function values(form, name) {
    var out = [];
    form.querySelectorAll('[name="' + name + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      if (input.value !== "") out.push(input.value);
    });
    return out;
  }
  function same(answer, expected) {
    if (expected === true) expected = "yes";
    if (expected === false) expected = "no";
    return answer === String(expected);
  }
  function holds(form, condition) {
    if (condition.all) return condition.all.every(function (c) { return holds(form, c); });
    if (condition.any) return condition.any.some(function (c) { return holds(form, c); });
    if (condition.not) return !holds(form, condition.not);
    var answers = values(form, condition.field);
    if ("answered" in condition) return (answers.length > 0) === condition.answered;
    if ("equals" in condition) return answers.some(function (a) { return same(a, condition.equals); });
    if ("in" in condition) return answers.some(function (a) {
      return condition.in.some(function (e) { return same(a, e); });
    });
    if ("includes" in condition) return answers.indexOf(String(condition.includes)) !== -1;
    return true;
  }
  function refresh(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (wrapper) {
      var applies = holds(form, JSON.parse(wrapper.getAttribute("data-show-if")));
      wrapper.hidden = !applies;
      var note = wrapper.querySelector(".hearth-practice-field__applies");
      if (note) note.hidden = true;
    });
  }
  document.querySelectorAll("[data-practice-form]").forEach(function (form) {
    form.addEventListener("change", function () { refresh(form); });
    refresh(form);
  });
})();
