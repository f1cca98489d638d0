// The size asked for becomes the page size, then the print dialog opens.
document.querySelectorAll("button[data-size]").forEach(function (button) {
  button.addEventListener("click", function () {
    var style = document.getElementById("page-size") || document.head.appendChild(document.createElement("style"));
    style.id = "page-size";
    style.textContent = "@page { size: " + button.dataset.size + "; margin: 10mm; }";
    window.print();
  });
});
