// The query editor: line numbers and light SPARQL highlighting over a plain textarea.
// Without this script the textarea still works; nothing here fetches anything.
(function () {
  "use strict";

  const KEYWORDS = new Set((
    "BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED GRAPH OPTIONAL UNION MINUS FILTER " +
    "BIND VALUES AS DISTINCT REDUCED ORDER BY ASC DESC LIMIT OFFSET GROUP HAVING SERVICE SILENT " +
    "EXISTS NOT IN COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR INSERT DELETE DATA WITH " +
    "USING LOAD CLEAR DROP CREATE ADD MOVE COPY TO DEFAULT ALL UNDEF"
  ).split(" "));

  const TOKEN = new RegExp([
    "(#[^\\n]*)",                                     // 1 comment
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')", // 2 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                       // 3 IRI
    "([?$][A-Za-z_0-9\\u00C0-\\uFFFF]+)",             // 4 variable
    "([A-Za-z][\\w\\-.]*)?(:[\\w\\-.%]*)",             // 5, 6 prefixed name
    "([A-Za-z_]+)",                                   // 7 word
  ].join("|"), "g");

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function highlight(text) {
    let out = "";
    let last = 0;
    text.replace(TOKEN, function (match, comment, string, iri, variable, prefix, local, word, offset) {
      out += escapeHtml(text.slice(last, offset));
      let cls = null;
      if (comment) cls = "tok-comment";
      else if (string) cls = "tok-string";
      else if (iri) cls = "tok-iri";
      else if (variable) cls = "tok-var";
      else if (local !== undefined) cls = "tok-pname";
      else if (word && KEYWORDS.has(word.toUpperCase())) cls = "tok-keyword";
      out += cls ? '<span class="' + cls + '">' + escapeHtml(match) + "</span>" : escapeHtml(match);
      last = offset + match.length;
      return match;
    });
    return out + escapeHtml(text.slice(last)) + "\n";
  }

  function enhance(textarea) {
    const editor = textarea.parentElement;
    editor.classList.add("enhanced");
    const gutter = document.createElement("pre");
    gutter.className = "gutter";
    gutter.setAttribute("aria-hidden", "true");
    const shade = document.createElement("pre");
    shade.className = "shade";
    shade.setAttribute("aria-hidden", "true");
    editor.insertBefore(gutter, textarea);
    editor.insertBefore(shade, textarea);

    // a syntax error the server reported: its line is marked in the gutter, the caret put on the spot
    const report = document.getElementById("error");
    let errorLine = report && report.dataset.line ? Number(report.dataset.line) : 0;

    function refresh() {
      const lines = textarea.value.split("\n").length;
      let numbers = "";
      for (let i = 1; i <= lines; i++) {
        numbers += i === errorLine ? '<span class="err-line" title="the error is on this line">' + i + "</span>\n" : i + "\n";
      }
      gutter.innerHTML = numbers;
      shade.innerHTML = highlight(textarea.value);
      sync();
    }
    function sync() {
      shade.scrollTop = textarea.scrollTop;
      shade.scrollLeft = textarea.scrollLeft;
      gutter.scrollTop = textarea.scrollTop;
    }
    textarea.addEventListener("input", function () { errorLine = 0; refresh(); });
    textarea.addEventListener("scroll", sync);
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        textarea.form.requestSubmit();
      } else if (event.key === "Tab" && !event.shiftKey) {
        event.preventDefault();
        const start = textarea.selectionStart;
        textarea.setRangeText("  ", start, textarea.selectionEnd, "end");
        refresh();
      }
    });
    refresh();
    if (errorLine) {
      const column = Number(report.dataset.column || 1);
      const before = textarea.value.split("\n").slice(0, errorLine - 1).join("\n").length + (errorLine > 1 ? 1 : 0);
      const at = Math.min(before + column - 1, textarea.value.length);
      textarea.focus();
      textarea.setSelectionRange(at, Math.min(at + 1, textarea.value.length));
      editor.classList.add("has-error");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".editor textarea").forEach(enhance);
  });
})();
