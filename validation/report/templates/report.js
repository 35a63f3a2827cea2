// Interactions of the validation report: details of a highlighted figure, table search and sort.
// Everything shown is read with textContent from elements already in the page: nothing is parsed as HTML.
(function () {
  "use strict";
  var panel = document.getElementById("details");
  var panelBody = document.getElementById("details-body");
  var header = document.querySelector("header.top");

  // "1 row", "2 rows": a count and the noun agreeing with it.
  function plural(count, singular, many) {
    return count + " " + (count === 1 ? singular : (many || singular + "s"));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // The sticky header's height, so that a link's target lands below it (scroll-margin-top).
  function measureHeader() {
    document.documentElement.style.setProperty("--header-height", header.offsetHeight + "px");
  }
  measureHeader();
  window.addEventListener("resize", measureHeader);

  // The failures listed at the top, for one row ("facts/F0024") or one uncovered mention (its
  // mark's id): each a check id, message, expected and found, and hint, read from the table.
  function failureRows(test) {
    return Array.prototype.filter.call(document.querySelectorAll("#failures tr.failure"), test);
  }

  function cellText(tr, name) {
    var cell = tr.querySelector("." + name);
    return cell ? cell.textContent.trim() : "";
  }

  function describeFailures(rows) {
    var box = element("div", "failures-of");
    if (!rows.length) { return box; }
    box.appendChild(element("h4", "", plural(rows.length, "failing check")));
    rows.forEach(function (tr) {
      var item = element("div", "failure-detail");
      var head = element("p");
      head.appendChild(element("code", "detail-check", cellText(tr, "f-check")));
      var column = cellText(tr, "f-column");
      if (column) { head.appendChild(document.createTextNode(" · column " + column)); }
      item.appendChild(head);
      item.appendChild(element("p", "detail-message", cellText(tr, "f-message")));
      var expected = cellText(tr, "f-expected"), found = cellText(tr, "f-found");
      if (expected || found) {
        var list = element("dl");
        [["expected", expected], ["found", found]].forEach(function (pair) {
          if (!pair[1]) { return; }
          list.appendChild(element("dt", "", pair[0]));
          list.appendChild(element("dd", "detail-" + pair[0], pair[1]));
        });
        item.appendChild(list);
      }
      var hint = cellText(tr, "f-hint");
      if (hint) { item.appendChild(element("p", "hint detail-hint", "hint: " + hint)); }
      box.appendChild(item);
    });
    return box;
  }

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
    box.appendChild(describeFailures(failureRows(function (tr) { return tr.dataset.ref === ref; })));
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
    if (!mark.dataset.ref) {  // a mention no row stands for: an uncovered number, a period date
      panelBody.appendChild(element("p", "", mark.title));
      if (mark.id) {
        panelBody.appendChild(describeFailures(failureRows(function (tr) { return tr.dataset.mention === mark.id; })));
      }
      // A date that is the period of facts quoting it: those facts.
      JSON.parse(mark.dataset.periodOf || "[]").forEach(function (ref) { panelBody.appendChild(describe(ref)); });
    }
    refs.forEach(function (ref) { panelBody.appendChild(describe(ref)); });
    panel.hidden = false;
  }

  // The target of an in-page link, briefly emphasised once the page has jumped to it.
  function flash(id) {
    var target = id && document.getElementById(id);
    if (!target) { return; }
    target.classList.remove("flash");
    void target.getBoundingClientRect().width;  // restart the animation
    target.classList.add("flash");
    window.setTimeout(function () { target.classList.remove("flash"); }, 1700);
  }

  function hashTarget() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (link) {
      var id = link.getAttribute("href").slice(1);
      window.setTimeout(function () { flash(id); }, 0);
    }
  });
  window.addEventListener("hashchange", function () { flash(hashTarget()); });
  if (location.hash) { flash(hashTarget()); }

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
      counter.textContent = shown + " of " + plural(table.tBodies[0].rows.length, "row");
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
