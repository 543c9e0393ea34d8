/// The workspace's style sheet and script, served from this binary (`/static/…`): nothing is
/// fetched from elsewhere, and the Content-Security-Policy allows only these.
enum Assets {
    /// The style sheet: readable on a screen, black on white on paper (forms and navigation hidden).
    static let css = """
    :root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #d0d0d0; --accent: #0b4f8a; --bad: #a4001d; --warn: #fff4d6; --ok: #e7f4ea; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fafafa; }
    header.bar { background: #fff; border-bottom: 1px solid var(--line); padding: .5rem 1.25rem; display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: baseline; }
    header.bar nav a { margin-right: 1.25rem; color: var(--accent); text-decoration: none; font-weight: 600; }
    header.bar nav a[aria-current=page] { color: var(--ink); border-bottom: 2px solid var(--accent); }
    header.bar .who { margin: 0; color: var(--muted); }
    main { padding: 1rem 1.25rem 3rem; max-width: 80rem; }
    h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
    table { border-collapse: collapse; background: #fff; margin: .25rem 0 1rem; }
    th, td { border: 1px solid var(--line); padding: .3rem .55rem; text-align: left; vertical-align: top; }
    th { background: #f0f0f0; font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    .id, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88em; }
    .muted { color: var(--muted); }
    .flash { margin: .75rem 1.25rem 0; padding: .6rem .9rem; border-radius: 4px; border: 1px solid; max-width: 80rem; }
    .flash.done { background: var(--ok); border-color: #7bb38a; }
    .flash.live { background: #e8eef5; border-color: var(--accent); }
    .flash .line { display: block; }
    .final { margin: .75rem 0; padding: .5rem .8rem; border-left: 4px solid var(--bad); background: #fdf3f4; max-width: 60rem; }
    .flash.refused { background: #fde8ea; border-color: var(--bad); color: var(--bad); font-weight: 600; }
    tr.conflict td { background: var(--warn); }
    tr.conflict td.value { font-weight: 700; color: var(--bad); }
    .tag { display: inline-block; padding: 0 .4rem; border-radius: 3px; background: #e8eef5; font-size: .85em; margin-right: .25rem; }
    .tag.disputed { background: #fde8ea; color: var(--bad); }
    .tag.reviewed { background: var(--ok); }
    .tag.priority { background: #efe6f7; }
    .actions { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 1rem; margin-top: 1rem; }
    form.inline { display: inline; margin: 0; }
    .actions form, form.box { background: #fff; border: 1px solid var(--line); padding: .75rem; border-radius: 4px; }
    .actions h3 { margin: 0 0 .5rem; font-size: 1rem; }
    label { display: block; margin: .3rem 0; }
    input[type=text], input[type=date], select, textarea { font: inherit; padding: .25rem .35rem; max-width: 100%; }
    textarea { width: 100%; min-height: 2.5rem; }
    button { font: inherit; padding: .3rem .8rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 3px; cursor: pointer; }
    button.secondary { background: #fff; color: var(--accent); }
    kbd { font-family: inherit; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px; padding: 0 .3rem; font-size: .85em; background: #fff; }
    .pager a { margin-right: 1rem; }
    .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin-bottom: .75rem; }
    .filters label { margin: 0; }
    ul.history { padding-left: 1.2rem; }
    footer { color: var(--muted); padding: 0 1.25rem 2rem; font-size: .9em; }
    @media print {
      body { background: #fff; font-size: 11pt; }
      header.bar nav, form, .actions, .pager, footer, .filters, .noprint { display: none !important; }
      main { padding: 0; max-width: none; }
      a { color: inherit; text-decoration: none; }
      tr { break-inside: avoid; }
      thead { display: table-header-group; }
      tr.conflict td { background: none; }
    }
    """

    /// Keyboard shortcuts on a pair: j / k next and previous item, s same, d different, r reviewed.
    /// Everything works without it: these press the page's own links and buttons.
    ///
    /// Live updates: every 5 s while the page is visible it asks `/live` for the replica's state
    /// hash and, when that is no longer the one the page was drawn from (`<body data-state>`),
    /// says so above the page with a link that reloads it. It does not reload by itself, so
    /// nothing typed into a form is lost.
    static let js = """
    "use strict";
    (function () {
      var drawn = document.body ? document.body.getAttribute("data-state") : null;
      if (!drawn || !window.fetch) { return; }
      var told = false;
      function tell() {
        if (told) { return; }
        told = true;
        var note = document.createElement("p");
        note.id = "live";
        note.className = "flash live noprint";
        note.setAttribute("role", "status");
        note.appendChild(document.createTextNode("Something new has arrived in this exchange since this page was drawn. "));
        var link = document.createElement("a");
        link.href = window.location.pathname + window.location.search;
        link.id = "reload";
        link.appendChild(document.createTextNode("Show it (reload)"));
        note.appendChild(link);
        var main = document.querySelector("main");
        document.body.insertBefore(note, main);
      }
      function check() {
        if (told || document.hidden) { return; }
        window.fetch("/live", { credentials: "same-origin", cache: "no-store" }).then(function (response) {
          return response.ok ? response.text() : null;
        }).then(function (text) {
          if (text && text.trim() !== drawn) { tell(); }
        }).catch(function () {});
      }
      window.setInterval(check, 5000);
    })();
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      var target = event.target;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) { return; }
      var ids = { j: "next", k: "prev", s: "same", d: "different", r: "reviewed" };
      var id = ids[event.key];
      if (!id) { return; }
      var element = document.getElementById(id);
      if (!element) { return; }
      event.preventDefault();
      element.click();
    });
    """
}
