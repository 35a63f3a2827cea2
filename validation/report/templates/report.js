// Interactions of the validation report: details of a highlighted figure, table search and sort.
// Everything shown is read with textContent from elements already in the page: nothing is parsed as HTML.
(function () {
  "use strict";
  var panel = document.getElementById("details");
  var panelBody = document.getElementById("details-body");

  // The id of a row's element, made as model.row_anchor makes it: every "/" a "-", every " " a "_".
  function rowAnchor(ref) {
    return "row-" + ref.split("/").join("-").split(" ").join("_");
  }

  function rowElement(ref) {
    return document.getElementById(rowAnchor(ref));
  }

  function describe(ref) {
    var box = document.createElement("div");
    box.className = "detail";
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = "#" + rowAnchor(ref);
    link.textContent = ref;
    heading.appendChild(link);
    box.appendChild(heading);
    var row = rowElement(ref);
    if (!row) { return box; }
    var headers = row.closest("table").querySelectorAll("thead th");
    var list = document.createElement("dl");
    Array.prototype.forEach.call(row.cells, function (cell, i) {
      if (!cell.textContent.trim()) { return; }
      var dt = document.createElement("dt");
      dt.textContent = headers[i] ? headers[i].textContent : "";
      var dd = document.createElement("dd");
      dd.textContent = cell.textContent.trim();
      list.appendChild(dt);
      list.appendChild(dd);
    });
    box.appendChild(list);
    return box;
  }

  function show(mark) {
    var refs = [], node = mark;
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    mark.classList.add("selected");
    while (node && node.tagName === "MARK") {
      if (node.dataset.ref) { refs.unshift(node.dataset.ref); }
      node = node.parentElement;
    }
    panelBody.replaceChildren();
    if (!refs.length) {
      var p = document.createElement("p");
      p.textContent = mark.title;
      panelBody.appendChild(p);
    }
    refs.forEach(function (ref) { panelBody.appendChild(describe(ref)); });
    panel.hidden = false;
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl");
    if (mark && !mark.closest(".legend")) { show(mark); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches && event.target.matches("mark.hl")) { show(event.target); }
    if (event.key === "Escape") { panel.hidden = true; }
  });
  document.getElementById("details-close").addEventListener("click", function () { panel.hidden = true; });

  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.dataset.filter);
    var counter = document.getElementById(input.dataset.filter + "-count");
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase(), shown = 0;
      table.tBodies[0].querySelectorAll("tr").forEach(function (tr) {
        var hit = !query || tr.textContent.toLowerCase().indexOf(query) !== -1;
        tr.hidden = !hit;
        if (hit) { shown += 1; }
      });
      counter.textContent = shown + " of " + table.tBodies[0].rows.length + " rows";
    });
  });

  function cellValue(tr, index) {
    var cell = tr.cells[index];
    return cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim()) : "";
  }

  document.querySelectorAll("table.data thead th").forEach(function (th) {
    th.addEventListener("click", function () {
      var table = th.closest("table"), body = table.tBodies[0], index = th.cellIndex;
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      var numeric = rows.every(function (tr) { var v = cellValue(tr, index); return v === "" || !isNaN(Number(v)); });
      rows.sort(function (a, b) {
        var x = cellValue(a, index), y = cellValue(b, index), order;
        if (numeric) { order = (x === "" ? -Infinity : Number(x)) - (y === "" ? -Infinity : Number(y)); }
        else { order = x.localeCompare(y, "zh"); }
        return ascending ? order : -order;
      });
      rows.forEach(function (tr) { body.appendChild(tr); });
    });
  });
})();
