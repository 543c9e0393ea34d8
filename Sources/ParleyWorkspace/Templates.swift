import Mustache

/// The pages' templates (Mustache; `{{value}}` is HTML-escaped), compiled into the binary.
enum Templates {
    /// The library of every page, with the layout partials.
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all {
            try library.register(text, named: name)
        }
        return library
    }

    /// Every template by name.
    static let all: [(String, String)] = [
        ("head", head), ("foot", foot), ("overview", overview), ("queue", queue), ("pair", pair),
        ("confirm", confirm), ("manifest", manifest), ("message", message), ("review", review), ("rows", rows), ("waivers", waivers),
    ]

    static let head = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · Parley</title>
    <link rel="stylesheet" href="/static/workspace.css">
    <script src="/static/workspace.js" defer></script>
    </head>
    <body data-state="{{state}}">
    <header class="bar">
    <nav>
    <a href="/" {{#navOverview}}aria-current="page"{{/navOverview}}>Exchange</a>
    <a href="/queue" {{#navQueue}}aria-current="page"{{/navQueue}}>Decision queue ({{open}} of {{queued}} to review)</a>
    <a href="/confirm" {{#navConfirm}}aria-current="page"{{/navConfirm}}>Confirm</a>
    <a href="/manifest" {{#navManifest}}aria-current="page"{{/navManifest}}>Manifest</a>
    </nav>
    <p class="who">{{partyName}} · {{role}} · {{exchangeTitle}} <span class="id">{{exchangeShort}}</span></p>
    </header>
    {{#flash}}<p class="flash {{kind}}" role="status" id="flash">{{#lines}}<span class="line">{{text}}</span>{{/lines}}</p>{{/flash}}
    <main>

    """

    static let foot = """
    </main>
    <footer>Parley workspace on this computer only · keys on a pair: <kbd>j</kbd> next, <kbd>k</kbd> previous, <kbd>s</kbd> same, <kbd>d</kbd> different, <kbd>r</kbd> reviewed</footer>
    </body>
    </html>

    """

    static let review = """
    {{> head}}
    <h1>Manifest <span class="id">{{proposed}}</span></h1>
    <p>Proposed, against the manifest this replica builds now, <span class="id">{{mine}}</span>.</p>
    <p id="verdict">{{verdict}}</p>
    {{#hasDifferences}}<ul class="differences">{{#differences}}<li>{{#link}}<a href="{{link}}">{{text}}</a>{{/link}}{{^link}}{{text}}{{/link}}</li>{{/differences}}</ul>{{/hasDifferences}}
    <p><a href="/manifest">Back to the manifests</a></p>
    {{> foot}}
    """

    static let message = """
    {{> head}}
    <h1>{{heading}}</h1>
    <p>{{text}}</p>
    {{> foot}}
    """

    static let overview = """
    {{> head}}
    <h1>{{exchangeTitle}}</h1>
    <p>Exchange <span class="id">{{exchangeID}}</span>, state <span class="id">{{stateShort}}</span>.</p>
    <h2>Participants</h2>
    <table>
    <thead><tr><th>Name</th><th>Role</th><th>Side</th><th>Fingerprint (read aloud to check)</th></tr></thead>
    <tbody>
    {{#participants}}<tr><td>{{name}}{{#isMe}} <span class="tag">you</span>{{/isMe}}</td><td>{{role}}</td><td>{{side}}</td><td class="id">{{fingerprint}}</td></tr>
    {{/participants}}
    </tbody>
    </table>
    <h2>Sync</h2>
    {{#server}}<form method="post" action="/sync" class="box noprint"><input type="hidden" name="back" value="/">
    <p>This replica syncs with <span class="id">{{.}}</span>. <button type="submit" id="sync">Sync now</button></p></form>{{/server}}
    {{^server}}<p>No server is known for this exchange: sync it once with <code>parley sync --server URL</code>, or carry bundles by hand.</p>{{/server}}
    {{#lastSync}}<p id="last-sync">Last sync from this workspace, {{at}}: {{#failed}}<strong>failed</strong>: {{/failed}}{{said}}</p>{{/lastSync}}
    {{#syncEvery}}<p class="muted">This workspace syncs by itself every {{.}} s; pages say when something new has arrived.</p>{{/syncEvery}}
    <h2>Terms</h2>
    <p>{{terms}}</p>
    {{#hasPhases}}<table id="phases">
    <thead><tr><th class="num">#</th><th>Phase</th><th class="num">to A</th><th class="num">to B</th><th>Where it stands</th></tr></thead>
    <tbody>
    {{#phases}}<tr><td class="num">{{number}}</td><td>{{name}}</td><td class="num">{{toA}}</td><td class="num">{{toB}}</td><td>{{standing}}</td></tr>
    {{/phases}}
    </tbody>
    </table>{{/hasPhases}}
    <h2>Directions</h2>
    <table>
    <thead><tr><th>Direction</th><th class="num">agreed</th><th class="num">disputed</th><th class="num">requested, not offered</th><th class="num">offered, not requested</th><th class="num">duplicate</th><th>Against the terms</th><th>Confirmation</th></tr></thead>
    <tbody>
    {{#directions}}<tr><th scope="row">{{name}}</th><td class="num">{{agreed}}</td><td class="num">{{disputed}}</td><td class="num">{{unoffered}}</td><td class="num">{{unrequested}}</td><td class="num">{{duplicate}}</td><td>{{termsLine}}</td><td>{{confirmation}}</td></tr>
    {{/directions}}
    </tbody>
    </table>
    <h2>Priorities among the agreed</h2>
    <table>
    <thead><tr><th>Category</th>{{#directions}}<th class="num">{{name}}</th>{{/directions}}</tr></thead>
    <tbody>
    {{#priorities}}<tr><th scope="row">{{category}}</th>{{#counts}}<td class="num">{{.}}</td>{{/counts}}</tr>
    {{/priorities}}
    </tbody>
    </table>
    <h2>Needs a decision</h2>
    <p><a href="/queue">{{queued}} item{{^oneQueued}}s{{/oneQueued}} in the decision queue</a>: {{reviewed}} of {{queued}} reviewed. {{#kinds}}<span class="tag">{{label}} {{count}}</span>{{/kinds}}</p>
    <h2>Manifests</h2>
    {{^manifests}}<p>No manifest proposed yet.</p>{{/manifests}}
    {{#manifests}}
    <p><a class="id" href="/manifest/document?hash={{hash}}">{{short}}</a> of {{covers}}: {{verdict}}; {{signedCount}} of {{participantCount}} signed{{#complete}} (complete){{/complete}}.</p>
    <ul>{{#signers}}<li>{{name}}: {{#signed}}signed{{/signed}}{{^signed}}not signed{{/signed}}</li>{{/signers}}</ul>
    {{/manifests}}
    {{> foot}}
    """

    static let queue = """
    {{> head}}
    <h1>Decision queue</h1>
    {{#final}}<p class="final" id="final">Closed: {{.}}.</p>{{/final}}
    <p><strong id="progress">{{reviewed}} of {{queued}} reviewed</strong>. One list across both directions, the terms' priority categories first.
    A person requested but not offered shows the offered entries nearest to them.</p>
    <form class="filters" method="get" action="/queue">
    <label>Why <select name="kind"><option value="">all</option>{{#kindOptions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/kindOptions}}</select></label>
    <label>Direction <select name="direction"><option value="">both</option>{{#directionOptions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{value}}</option>{{/directionOptions}}</select></label>
    <label>Show <select name="show">{{#showOptions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/showOptions}}</select></label>
    <button type="submit">Filter</button>
    </form>
    <p class="muted">{{matching}} item{{^oneMatching}}s{{/oneMatching}} match; showing {{from}}–{{to}}.</p>
    <table>
    <thead><tr><th class="num">#</th><th>Why</th><th>Direction</th><th>Priority</th><th>Requested</th><th>Offered</th><th class="num">Score (bits)</th><th>Reviewed</th></tr></thead>
    <tbody>
    {{#items}}<tr><td class="num">{{position}}</td><td><a href="{{link}}"><span class="tag {{kind}}">{{label}}</span></a></td><td>{{direction}}</td><td>{{#priorities}}<span class="tag priority">{{.}}</span>{{/priorities}}</td><td>{{request}}</td><td>{{release}}</td><td class="num">{{score}}</td><td>{{#reviewed}}<span class="tag reviewed">reviewed</span>{{/reviewed}}</td></tr>
    {{/items}}
    </tbody>
    </table>
    <p class="pager">{{#previousPage}}<a href="{{.}}" rel="prev">previous page</a>{{/previousPage}} {{#nextPage}}<a href="{{.}}" rel="next">next page</a>{{/nextPage}}</p>
    {{> foot}}
    """

    static let pair = """
    {{> head}}
    <p class="pager noprint">{{#previous}}<a id="prev" href="{{.}}">← previous item (k)</a>{{/previous}} <a href="/queue">queue</a> {{#next}}<a id="next" href="{{.}}">next item (j) →</a>{{/next}} {{#position}}<span class="muted">item {{position}} of {{queued}}</span>{{/position}}</p>
    <h1>{{heading}}</h1>
    <p><span class="tag {{outcome}}">{{outcomeLabel}}</span> {{direction}} {{#priorities}}<span class="tag priority">{{.}}</span>{{/priorities}} {{#reviewed}}<span class="tag reviewed">reviewed by you</span>{{/reviewed}}</p>
    <table>
    <thead><tr><th>Field</th><th>{{requestHeading}}</th><th>{{releaseHeading}}</th><th>Comparison</th><th class="num">Weight (bits)</th></tr></thead>
    <tbody>
    {{#fields}}<tr class="{{#conflict}}conflict{{/conflict}}"><th scope="row">{{name}}</th><td class="value">{{request}}</td><td class="value">{{release}}</td><td title="{{code}}">{{agreement}}</td><td class="num">{{weight}}</td></tr>
    {{/fields}}
    </tbody>
    </table>
    {{#score}}<p><strong>Score {{score}} bits</strong>: the sum of the field weights, a log-likelihood ratio in bits. 0 is even odds that the two are one person; each bit doubles the odds (+10 bits is about 1,000 to 1 for, −10 about 1,000 to 1 against). A rival within 4 bits of the best makes a match disputed.</p>{{/score}}
    {{#hasReasons}}<p>Reasons: {{#reasons}}<code>{{.}}</code> {{/reasons}}</p>{{/hasReasons}}
    {{#hasNotes}}<h2>What stands behind it</h2><ul>{{#notes}}<li>{{.}}</li>{{/notes}}</ul>{{/hasNotes}}
    {{#unoffered}}<h2>Nearest offered entries</h2>
    {{#hasNearest}}<p>None of these matched; the engine scored them nearest to this person (best first). Open one to compare field by field{{#canDecide}}, or pair it with this person by hand{{/canDecide}}.</p>
    <table id="nearest">
    <thead><tr><th>Offered entry</th><th class="num">Score (bits)</th>{{#canDecide}}<th class="noprint">Decide</th>{{/canDecide}}</tr></thead>
    <tbody>
    {{#nearest}}<tr><td><a href="{{link}}">{{person}}</a></td><td class="num">{{score}}</td>{{#canDecide}}<td class="noprint"><form method="post" action="/decide" class="inline">
    <input type="hidden" name="direction" value="{{direction}}"><input type="hidden" name="back" value="{{back}}">
    <input type="hidden" name="request" value="{{pairRequest}}"><input type="hidden" name="release" value="{{ref}}">
    <button type="submit" name="same" value="yes" class="secondary">Same person</button></form></td>{{/canDecide}}</tr>
    {{/nearest}}
    </tbody>
    </table>{{/hasNearest}}
    {{^hasNearest}}<p>No offered entry shares a name, a date of birth or a service number with this person closely enough to be compared.</p>{{/hasNearest}}
    {{/unoffered}}
    {{#lone}}<p>To pair this entry by hand with any other, name the other entry below.</p>{{/lone}}
    <h2>History</h2>
    {{^hasHistory}}<p class="muted">No decisions, disputes or attestations on these entries.</p>{{/hasHistory}}
    <ul class="history">{{#history}}<li>{{time}} · <strong>{{author}}</strong>: {{text}}</li>{{/history}}</ul>
    {{#final}}<p class="final" id="final">Closed: {{.}}.</p>{{/final}}
    <div class="actions">
    {{#canDecide}}
    <form method="post" action="/decide">
    <h3>Decide by hand</h3>
    <input type="hidden" name="direction" value="{{direction}}"><input type="hidden" name="back" value="{{back}}">
    {{#pairRequest}}<input type="hidden" name="request" value="{{.}}">{{/pairRequest}}{{^pairRequest}}<label>Requested entry <input type="text" name="request" placeholder="{{requestPlaceholder}}"></label>{{/pairRequest}}
    {{#pairRelease}}<input type="hidden" name="release" value="{{.}}">{{/pairRelease}}{{^pairRelease}}<label>Offered entry <input type="text" name="release" placeholder="{{releasePlaceholder}}"></label>{{/pairRelease}}
    <label>Note <input type="text" name="note"></label>
    <button type="submit" name="same" value="yes" id="same">Same person (s)</button>
    <button type="submit" name="same" value="no" id="different" class="secondary">Different persons (d)</button>
    </form>
    {{/canDecide}}
    <form method="post" action="/review">
    <h3>Review</h3>
    <input type="hidden" name="key" value="{{key}}"><input type="hidden" name="back" value="{{back}}">{{#next}}<input type="hidden" name="next" value="{{.}}">{{/next}}
    {{^reviewed}}<button type="submit" name="reviewed" value="yes" id="reviewed">Mark reviewed (r)</button>{{/reviewed}}
    {{#reviewed}}<button type="submit" name="reviewed" value="no" class="secondary" id="reviewed">Mark not reviewed</button>{{/reviewed}}
    </form>
    {{#disputes}}
    {{#canComment}}
    <form method="post" action="/dispute/comment">
    <h3>Dispute <span class="id">{{short}}</span> ({{reason}})</h3>
    <input type="hidden" name="dispute" value="{{id}}"><input type="hidden" name="back" value="{{back}}">
    <label>Comment <textarea name="note" required></textarea></label>
    <button type="submit" class="secondary">Comment</button>
    </form>
    {{/canComment}}
    {{#canClose}}
    <form method="post" action="/dispute/close">
    <h3>Close dispute <span class="id">{{short}}</span></h3>
    <input type="hidden" name="dispute" value="{{id}}"><input type="hidden" name="back" value="{{back}}">
    <label>Resolution <textarea name="resolution" required></textarea></label>
    <button type="submit" id="close-{{short}}">Close the dispute</button>
    </form>
    {{/canClose}}
    {{/disputes}}
    {{#canOpenDispute}}
    <form method="post" action="/dispute/open">
    <h3>Open a dispute</h3>
    <input type="hidden" name="back" value="{{back}}">
    {{#entries}}<label><input type="checkbox" name="about{{slot}}" value="{{ref}}" checked> {{ref}}</label>{{/entries}}
    <label>Reason <select name="reason">{{#disputeReasons}}<option>{{.}}</option>{{/disputeReasons}}</select></label>
    <label>Note <input type="text" name="note"></label>
    <button type="submit" class="secondary">Open the dispute</button>
    </form>
    {{/canOpenDispute}}
    {{#canAttest}}
    <form method="post" action="/attest">
    <h3>Attest</h3>
    <input type="hidden" name="back" value="{{back}}">
    <label>Person <select name="entry">{{#entries}}<option value="{{ref}}">{{ref}}</option>{{/entries}}</select></label>
    <label>What <select name="kind">{{#attestationKinds}}<option>{{.}}</option>{{/attestationKinds}}</select></label>
    <label>Date <input type="date" name="date" required></label>
    <button type="submit" class="secondary">Attest</button>
    </form>
    {{/canAttest}}
    </div>
    {{> foot}}
    """

    static let confirm = """
    {{> head}}
    <h1>Confirm a direction</h1>
    <p>Confirming signs the hash of a direction's reconciliation as this replica computes it now: every row, outcome, hand decision and open dispute below. If anything changes, the hash changes and the confirmation no longer holds.</p>
    {{#directions}}
    <h2>{{name}}</h2>
    <table>
    <tbody>
    <tr><th scope="row">Reconciliation hash</th><td class="id">{{hash}}</td></tr>
    <tr><th scope="row">Rows</th><td><a href="/rows?direction={{name}}">every row</a>: <a href="/rows?direction={{name}}&amp;outcome=agreed">{{agreed}} agreed</a>, <a href="/rows?direction={{name}}&amp;outcome=disputed">{{disputed}} disputed</a>, <a href="/rows?direction={{name}}&amp;outcome=unoffered">{{unoffered}} requested but not offered</a>, <a href="/rows?direction={{name}}&amp;outcome=unrequested">{{unrequested}} offered but not requested</a>, <a href="/rows?direction={{name}}&amp;outcome=duplicate">{{duplicate}} duplicate</a></td></tr>
    <tr><th scope="row">Against the terms</th><td>{{termsLine}}</td></tr>
    <tr><th scope="row">Confirmation</th><td>{{confirmation}}</td></tr>
    <tr><th scope="row">In the decision queue</th><td>{{queued}} ({{reviewed}} reviewed)</td></tr>
    </tbody>
    </table>
    {{#canConfirm}}
    <form method="post" action="/confirm" class="box">
    <input type="hidden" name="direction" value="{{name}}"><input type="hidden" name="hash" value="{{hash}}">
    <button type="submit" id="confirm-{{name}}">Confirm {{name}} at {{short}}</button>
    </form>
    {{/canConfirm}}
    {{#refusal}}<p class="muted">Not offered: {{.}}</p>{{/refusal}}
    {{/directions}}
    {{> foot}}
    """

    static let rows = """
    {{> head}}
    <h1>{{direction}}: every row</h1>
    <p>The reconciliation confirming {{direction}} signs, <span class="id">{{hash}}</span>: {{total}} rows, by their first entry.</p>
    <form class="filters" method="get" action="/rows">
    <input type="hidden" name="direction" value="{{direction}}">
    <label>Outcome <select name="outcome"><option value="">all</option>{{#outcomeOptions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{value}}</option>{{/outcomeOptions}}</select></label>
    <button type="submit">Show</button>
    </form>
    <p class="muted">{{matching}} match; showing {{from}}–{{to}}.</p>
    <table>
    <thead><tr><th class="num">#</th><th>Outcome</th><th>Requested</th><th>Offered</th><th class="num">Score (bits)</th></tr></thead>
    <tbody>
    {{#rows}}<tr><td class="num">{{position}}</td><td><a href="{{link}}"><span class="tag {{outcome}}">{{outcome}}</span></a>{{#hand}} <span class="tag">by hand</span>{{/hand}}</td><td>{{request}}</td><td>{{release}}</td><td class="num">{{score}}</td></tr>
    {{/rows}}
    </tbody>
    </table>
    <p class="pager">{{#previousPage}}<a href="{{.}}" rel="prev">previous page</a>{{/previousPage}} {{#nextPage}}<a href="{{.}}" rel="next">next page</a>{{/nextPage}}</p>
    {{> foot}}
    """

    /// A propose form's fields to waive each blocker with a reason (empty: it keeps blocking).
    static let waivers = """
    {{#waivable}}<label>Waive <code>{{key}}</code> because <input type="text" name="waive:{{key}}" placeholder="a reason, or empty"></label>
    {{/waivable}}
    """

    static let manifest = """
    {{> head}}
    <h1>Manifest</h1>
    <p>The manifest this replica builds now: <span class="id">{{mine}}</span>, {{toA}} to side A, {{toB}} to side B.</p>
    {{#hasBlockers}}<h2>Blockers</h2><ul>{{#waivable}}<li>{{text}}</li>{{/waivable}}</ul>{{/hasBlockers}}
    {{#canPropose}}
    <form method="post" action="/manifest/propose" class="box"><input type="hidden" name="hash" value="{{mine}}">
    {{> waivers}}
    <button type="submit" id="propose">Propose this manifest</button></form>
    {{/canPropose}}
    {{#proposeRefusal}}<p class="muted">Proposing: {{.}}</p>{{/proposeRefusal}}
    {{#phasing}}
    <h2 id="phases">A phase of the terms</h2>
    {{#hasPhaseOptions}}<form method="get" action="/manifest" class="box noprint">
    <label>Phase <select name="phase">{{#phaseOptions}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/phaseOptions}}</select></label>
    <button type="submit" id="show-phase" class="secondary">Show who would cross</button>
    </form>{{/hasPhaseOptions}}
    {{^hasPhaseOptions}}<p>Every phase of the terms is sealed.</p>{{/hasPhaseOptions}}
    {{#sealed}}<p class="muted">Sealed, their people final: {{.}}.</p>{{/sealed}}
    {{#phaseRefusal}}<p class="muted">Proposing: {{.}}</p>{{/phaseRefusal}}
    {{#phase}}
    <h3>Phase {{number}}: {{name}}</h3>
    <p>Its manifest: <span class="id">{{hash}}</span>. Who crosses in it, in the terms' priority order, and the category that placed each person:</p>
    {{#directions}}
    <h4>{{name}}: {{count}} of {{expected}}{{#truncated}}, first {{shown}}{{/truncated}}</h4>
    <table>
    <thead><tr><th class="num">#</th><th>Requested as</th><th>Offered as</th><th>Why in this phase</th></tr></thead>
    <tbody>
    {{#people}}<tr><td class="num">{{number}}</td><td><a href="{{link}}">{{request}}</a></td><td>{{release}}</td><td><span class="tag priority">{{reason}}</span></td></tr>
    {{/people}}
    </tbody>
    </table>
    {{/directions}}
    {{#phaseHasBlockers}}<h4>Blockers</h4><ul>{{#waivable}}<li>{{text}}</li>{{/waivable}}</ul>{{/phaseHasBlockers}}
    {{#phaseCanPropose}}
    <form method="post" action="/manifest/propose" class="box">
    <input type="hidden" name="phase" value="{{name}}"><input type="hidden" name="hash" value="{{hash}}"><input type="hidden" name="back" value="{{back}}">
    {{> waivers}}
    <button type="submit" id="propose-phase">Propose the manifest of phase {{name}}</button>
    </form>
    {{/phaseCanPropose}}
    {{#phaseProposeNote}}<p class="muted">Proposing: {{.}}</p>{{/phaseProposeNote}}
    {{/phase}}
    {{/phasing}}
    <h2>Proposed</h2>
    {{^proposed}}<p>No manifest proposed yet.</p>{{/proposed}}
    {{#proposed}}
    <h3><a class="id" href="/manifest/document?hash={{hash}}">{{hash}}</a></h3>
    <p>Of {{covers}}: {{verdict}}; proposed by {{proposers}}; {{signedCount}} of {{participantCount}} signed{{#complete}} (complete){{/complete}}.</p>
    <ul>{{#signers}}<li>{{name}}: {{#signed}}signed{{/signed}}{{^signed}}not signed{{/signed}}</li>{{/signers}}</ul>
    {{#canSign}}<form method="post" action="/manifest/sign" class="box"><input type="hidden" name="hash" value="{{hash}}"><button type="submit" id="sign">Sign manifest {{short}}</button></form>{{/canSign}}
    {{#signRefusal}}<p class="muted">Signing: {{.}}{{#differs}} (<a href="/manifest/review?hash={{hash}}">how it differs</a>){{/differs}}</p>{{/signRefusal}}
    {{/proposed}}
    {{#directions}}
    <h2>Who crosses {{name}} ({{count}}){{#truncated}}, first {{shown}}{{/truncated}}</h2>
    <table>
    <thead><tr><th class="num">#</th><th>Requested as</th><th>Offered as</th><th>Born</th></tr></thead>
    <tbody>
    {{#people}}<tr><td class="num">{{number}}</td><td><a href="{{link}}">{{request}}</a></td><td>{{release}}</td><td>{{born}}</td></tr>
    {{/people}}
    </tbody>
    </table>
    {{/directions}}
    {{> foot}}
    """
}
