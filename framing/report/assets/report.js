(function () {
  "use strict";
  var node = document.getElementById("framing-data");
  if (!node) { return; }
  var data = JSON.parse(node.textContent);
  var panel = document.getElementById("details");
  var selected = null;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function fmt(x, signed) {
    if (x === null || x === undefined) { return "n/a"; }
    var s = Number(x).toFixed(2);
    return signed && x >= 0 ? "+" + s : s;
  }
  function row(table, cells) {
    var tr = el("tr");
    cells.forEach(function (c) { tr.appendChild(el("td", c)); });
    table.appendChild(tr);
  }
  function spansPart(s) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h3", "Loaded words"));
    if (!s.spans.length) { frag.appendChild(el("p", "none", "muted")); return frag; }
    var t = el("table");
    s.spans.forEach(function (sp) { row(t, [sp.text, "score " + fmt(sp.score)]); });
    frag.appendChild(t);
    return frag;
  }
  function stancePart(s) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h3", "Stance"));
    var names = Object.keys(s.stance);
    if (!names.length) { frag.appendChild(el("p", "no target in this sentence", "muted")); return frag; }
    var t = el("table");
    var head = el("tr");
    ["target", "label", "neg", "neu", "pos", "value"].forEach(function (h) { head.appendChild(el("th", h)); });
    t.appendChild(head);
    names.forEach(function (name) {
      var st = s.stance[name];
      var sc = st.scores || {};
      row(t, [name, st.label, fmt(sc.negative), fmt(sc.neutral), fmt(sc.positive), fmt(st.value, true)]);
    });
    frag.appendChild(t);
    names.forEach(function (name) {
      var st = s.stance[name];
      var words = s.spans.map(function (sp) { return sp.text; });
      var p = el("p");
      p.appendChild(el("strong", name + ": "));
      p.appendChild(document.createTextNode(
        "mentioned as " + (st.mentions.length ? st.mentions.join(", ") : "(not located)") +
        "; loaded words nearby: " + (words.length ? words.join(", ") : "none")));
      frag.appendChild(p);
    });
    return frag;
  }
  function show(i) {
    var s = data.sentences[i];
    if (!s) { return; }
    panel.textContent = "";
    var who = s.voice === "quote" ? "quoted speech" + (s.speaker ? ", " + s.speaker : "") : "author's voice";
    panel.appendChild(el("p", "Sentence " + (s.index + 1) + " \u00b7 " + who + " \u00b7 loaded " + fmt(s.loaded)));
    panel.appendChild(el("blockquote", s.text));
    panel.appendChild(spansPart(s));
    panel.appendChild(stancePart(s));
  }
  function select(elm) {
    if (selected) { selected.classList.remove("sel"); selected.setAttribute("aria-pressed", "false"); }
    selected = elm;
    elm.classList.add("sel");
    elm.setAttribute("aria-pressed", "true");
    show(Number(elm.getAttribute("data-i")));
  }
  Array.prototype.forEach.call(document.querySelectorAll(".sent"), function (elm) {
    elm.addEventListener("click", function () { select(elm); });
    elm.addEventListener("focus", function () { show(Number(elm.getAttribute("data-i"))); });
    elm.addEventListener("mouseenter", function () { show(Number(elm.getAttribute("data-i"))); });
    elm.addEventListener("mouseleave", function () {
      if (selected) { show(Number(selected.getAttribute("data-i"))); }
    });
    elm.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(elm); }
    });
  });
  function evidenceOf(j) {
    var f = (data.frames || [])[j];
    return f ? f.evidence : [];
  }
  function lightFrame(j, on) {
    evidenceOf(j).forEach(function (e) {
      var s = document.querySelector('.sent[data-i="' + Number(e.sentence) + '"]');
      if (s) { s.classList.toggle("fev", on); }
    });
  }
  function showFrame(j) {
    var f = (data.frames || [])[j];
    if (!f) { return; }
    panel.textContent = "";
    panel.appendChild(el("p", f.label + " \u00b7 P " + fmt(f.probability) + " \u00b7 threshold " +
      fmt(f.threshold) + (f.present ? " \u00b7 present" : "")));
    panel.appendChild(el("h3", "Evidence sentences"));
    f.evidence.forEach(function (e) {
      var s = data.sentences[e.sentence];
      var p = el("p");
      p.appendChild(el("strong", "#" + (Number(e.sentence) + 1) + " (weight " + fmt(e.weight) + "): "));
      p.appendChild(document.createTextNode(s ? s.text : ""));
      panel.appendChild(p);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("tr.frame"), function (tr) {
    var j = Number(tr.getAttribute("data-f"));
    function on() { lightFrame(j, true); showFrame(j); }
    function off() {
      lightFrame(j, false);
      if (selected) { show(Number(selected.getAttribute("data-i"))); }
    }
    tr.addEventListener("mouseenter", on);
    tr.addEventListener("focus", on);
    tr.addEventListener("mouseleave", off);
    tr.addEventListener("blur", off);
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
