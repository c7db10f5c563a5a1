// The sheet's « Imprimer » button: the browser's print dialog, nothing else.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("sheet-print");
  if (button) {
    button.addEventListener("click", function () { window.print(); });
  }
});
