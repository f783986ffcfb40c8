// The target department list of a referral offers only the departments of the chosen target
// hospital. Each option names its hospital (data-institution); without JavaScript every
// department is offered, and the server refuses one of another hospital.
(function () {
  const hospital = document.getElementById("id_target_institution");
  const department = document.getElementById("id_target_department");
  if (!hospital || !department) {
    return;
  }

  function offerTheHospitalsDepartments() {
    for (const option of department.options) {
      if (!option.value) {
        continue; // the "choose one" option
      }
      const elsewhere = option.dataset.institution !== hospital.value;
      option.hidden = elsewhere;
      option.disabled = elsewhere;
    }
    const chosen = department.options[department.selectedIndex];
    if (chosen && chosen.disabled) {
      department.value = "";
    }
  }

  hospital.addEventListener("change", offerTheHospitalsDepartments);
  offerTheHospitalsDepartments();
})();
