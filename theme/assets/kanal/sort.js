// Click-to-sort for tables with a data-sortable attribute (progressive enhancement: the server already
// ordered the rows by the documented rank rule). Cells may carry data-sort with the raw value.
(function () {
  "use strict";
  function value(cell) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) raw = cell.textContent.trim();
    var n = Number(raw);
    return raw !== "" && !isNaN(n) ? n : raw.toLocaleLowerCase("id");
  }
  function sortBy(table, index, heads) {
    var th = heads[index];
    var asc = th.getAttribute("aria-sort") !== "ascending";
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a.cells[index]), y = value(b.cells[index]);
      if (typeof x !== typeof y) { x = String(x); y = String(y); }
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function heads(table) { return Array.prototype.slice.call(table.tHead.rows[0].cells); }
  // The ranking's tables come with their buttons (aduan/_macros.html.j2): changing a long page
  // as it loads cost a second style and layout pass of all of it (Lighthouse's blocking time).
  // Other tables get theirs here.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    heads(table).forEach(function (th) {
      if (th.querySelector("button")) return;
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
    });
  });
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("table[data-sortable] > thead button");
    if (!button) return;
    var table = button.closest("table"), all = heads(table);
    sortBy(table, all.indexOf(button.closest("th")), all);
  });
})();
