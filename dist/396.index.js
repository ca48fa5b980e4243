export const id = 396;
export const ids = [396];
export const modules = {

/***/ 8396:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runStep: () => (/* binding */ runStep)
});

;// CONCATENATED MODULE: ./src/inputs/authorization.ts
const EXPLICIT = /^(token|bearer) +(\S.*)$/i;
/**
 * A value that is a scheme word and nothing else ("Token ", trimmed): what `Token ${{ secrets.X }}`
 * gives when the secret is not set. It holds no secret, and masking the word would hide it
 * everywhere else in the job's log.
 */
function isSchemeOnly(token) {
    return /^(token|bearer)$/i.test(token.trim());
}
function authorizationFor(token) {
    const explicit = EXPLICIT.exec(token);
    if (explicit) {
        // The scheme is sent as Qovery spells it, whatever case the user typed it in.
        const scheme = explicit[1].toLowerCase() === 'bearer' ? 'Bearer' : 'Token';
        return { header: `${scheme} ${explicit[2]}`, scheme, explicit: true };
    }
    const scheme = looksLikeJwt(token) ? 'Bearer' : 'Token';
    return { header: `${scheme} ${token}`, scheme, explicit: false };
}
/** A JWT is three base64url parts whose first decodes to a JSON header object. */
function looksLikeJwt(token) {
    if (token.startsWith('qov_'))
        return false;
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+={0,2}$/.test(part)))
        return false;
    try {
        const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
        return typeof header === 'object' && header !== null && !Array.isArray(header);
    }
    catch {
        return false;
    }
}
/**
 * The secret parts to mask: the header, the bare credential inside it, an API token's secret
 * without its `qov_` prefix (8 characters at least: what a tool that strips the prefix would
 * print), and each line of a value pasted with line breaks (the runner masks a value line by line
 * only if told each line).
 */
function secretsOf(token, authorization) {
    const bare = authorization.header.replace(/^\S+ +/, '');
    const unprefixed = bare.startsWith('qov_') && bare.length >= 12 ? [bare.slice(4)] : [];
    const lines = token
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length >= 4);
    return [...new Set([token, authorization.header, bare, ...unprefixed, ...(lines.length > 1 ? lines : [])])];
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var core = __webpack_require__(143);
;// CONCATENATED MODULE: ./src/runner/redaction.ts
/**
 * The token kept out of what the action writes. The runner masks a secret in the log only as
 * written; a server that echoes the Authorization header (a gateway's error page, say) can hand it
 * back whole, in part, or, once in the job summary, with Markdown's backslashes inside it.
 */
/** This many first characters of a secret, or more, are taken as the secret cut short. */
const SECRET_PART = 8;
/**
 * `text` with every secret in `secrets` replaced by `***`: whole, or cut short to its first
 * SECRET_PART characters or more (a server that truncates what it echoes); a backslash before
 * punctuation (Markdown's escape) does not break a match. Only a secret's beginning counts as a
 * piece: a run from its middle may be a plain word ("environment") of the text.
 */
function redact(text, secrets) {
    const hidden = secrets.filter((secret) => secret !== '');
    if (hidden.length === 0)
        return text;
    // A piece starts with a secret's first character (or Markdown's backslash before it): every
    // other position is passed over at once, which keeps a long summary cheap.
    const firsts = new Set(hidden.map((secret) => secret[0]));
    let out = '';
    let at = 0;
    while (at < text.length) {
        const starts = firsts.has(text[at]) || (text[at] === '\\' && firsts.has(text[at + 1]));
        const end = starts ? longestPiece(text, at, hidden) : undefined;
        if (end === undefined) {
            out += text[at];
            at += 1;
        }
        else {
            out += '***';
            at = end;
        }
    }
    return out;
}
/** Where the longest piece of a secret starting at `start` ends, if one does. */
function longestPiece(text, start, secrets) {
    let best;
    let bestLength = 0;
    for (const secret of secrets) {
        const { length, end } = matchFrom(text, start, secret);
        if (length >= Math.min(SECRET_PART, secret.length) && length > bestLength) {
            best = end;
            bestLength = length;
        }
    }
    return best;
}
/** How many of `secret`'s first characters `text` holds at `start`, and where they end. */
function matchFrom(text, start, secret) {
    let t = start;
    let s = 0;
    while (t < text.length && s < secret.length) {
        if (text[t] === secret[s]) {
            t += 1;
        }
        else if (text[t] === '\\' && text[t + 1] === secret[s] && /[!-/:-@[-`{-~]/.test(secret[s])) {
            t += 2;
        }
        else
            break;
        s += 1;
    }
    return { length: s, end: t };
}

;// CONCATENATED MODULE: ./src/runner/workflow-run.ts
/** GitHub's owner and repository names: letters, digits, `-`, `_` and `.`. */
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** What a server URL may hold in a Markdown link: no space, no parenthesis, nothing to escape. */
const LINK_SAFE = /^[A-Za-z0-9\-._~:/%[\]]+$/;
/**
 * The workflow run for the summary, keeping only what the runner's variables say soundly: a link
 * is made only from an http(s) server URL without credentials, query or fragment, an owner/name
 * repository and a positive run id, so that a variable set by hand cannot break the summary with
 * a broken or injected link. What is left out is simply not shown.
 */
function runContextOf(fields) {
    const found = {};
    const repository = fields.repository !== undefined && REPOSITORY.test(fields.repository) ? fields.repository : undefined;
    if (repository !== undefined)
        found.repository = repository;
    const server = serverOf(fields.serverUrl);
    if (repository !== undefined && server !== undefined && isPositive(fields.runId)) {
        const attempt = isPositive(fields.runAttempt) && fields.runAttempt > 1 ? `/attempts/${fields.runAttempt}` : '';
        found.runUrl = `${server}/${repository}/actions/runs/${fields.runId}${attempt}`;
    }
    if (fields.actor)
        found.actor = fields.actor;
    if (fields.eventName)
        found.event = fields.eventName;
    return found;
}
/** The server URL without its trailing slash, or undefined when it is no sound link. */
function serverOf(text) {
    let url;
    try {
        url = new URL(text ?? '');
    }
    catch {
        return undefined;
    }
    const sound = (url.protocol === 'https:' || url.protocol === 'http:') &&
        url.username === '' &&
        url.password === '' &&
        url.search === '' &&
        url.hash === '' &&
        LINK_SAFE.test(url.href);
    return sound ? url.href.replace(/\/+$/, '') : undefined;
}
function isPositive(value) {
    return Number.isSafeInteger(value) && value > 0;
}

;// CONCATENATED MODULE: ./src/runner/github-io.ts



/**
 * A log line that cannot start a workflow command, whatever text from the API or the inputs it
 * carries: line breaks become spaces (a second line `::error::...` would be obeyed), a line that
 * would begin with `::` (the runner ignores leading blanks) gets a backslash, and the legacy `##[`
 * syntax, which the runner finds anywhere in a line, is broken up.
 */
function safeLine(text) {
    const line = safeMessage(text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?'));
    return line.replace(/^(\s*)::/, '$1\\::');
}
/**
 * Unicode's bidirectional controls: the embeddings and overrides (U+202A-U+202E), the isolates
 * (U+2066-U+2069) and the marks (U+200E, U+200F, U+061C). Raw in a line they reorder what follows
 * them, so that a name from the API can make the rest of a line read otherwise than it is.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** `text` with each bidirectional control shown as its code point, `[U+202E]`, and so without effect. */
function showBidiControls(text) {
    return text.replace(BIDI_CONTROLS, (control) => `[U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}
/** An annotation's message: the command escapes its line breaks; only `##[` is left to break up. */
function safeMessage(text) {
    return text.replace(/##\[/g, '## [');
}
/** The toolkit on a GitHub runner. */
const githubToolkit = {
    core: core,
    fail: () => void (process.exitCode = core.ExitCode.Failure),
    appendSummary: async (markdown) => {
        try {
            await core.summary.addRaw(markdown, true).write();
        }
        catch (error) {
            core.summary.emptyBuffer();
            throw error;
        }
    },
    context: async () => (await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413))).context
};
/**
 * ActionIO on a GitHub runner, through GitHub's toolkit. Each secret given to setSecret is also
 * redacted from everything written after it (log, annotations, outputs, summary), in part and
 * Markdown-escaped too: text from the API may carry it back. What people read (log, annotations,
 * summary) shows bidirectional controls as code points (showBidiControls); outputs are data for
 * later steps, and keep Qovery's text as it came.
 */
function githubIO(env = process.env, toolkit = githubToolkit) {
    const { core } = toolkit;
    const secrets = [];
    const redacted = (text) => redact(text, secrets);
    const clean = (text) => showBidiControls(redacted(text));
    const annotation = (title) => (title === undefined ? {} : { title: clean(title) });
    return {
        getInput: (name) => core.getInput(name),
        setSecret: (value) => {
            secrets.push(value);
            core.setSecret(value);
        },
        setOutput: (name, value) => core.setOutput(name, redacted(value)),
        info: (message) => core.info(safeLine(clean(message))),
        debug: (message) => core.debug(clean(message)),
        notice: (message, title) => core.notice(safeMessage(clean(message)), annotation(title)),
        warning: (message, title) => core.warning(safeMessage(clean(message)), annotation(title)),
        error: (message, title) => core.error(safeMessage(clean(message)), annotation(title)),
        // core.setFailed gives its annotation no title: an error annotation with one, and the exit code.
        setFailed: (message, title) => {
            core.error(safeMessage(clean(message)), annotation(title));
            toolkit.fail();
        },
        group: (name, lines) => {
            core.startGroup(safeLine(clean(name)));
            for (const line of lines)
                core.info(safeLine(clean(line)));
            core.endGroup();
        },
        writeSummary: async (markdown) => {
            if (!env.GITHUB_STEP_SUMMARY)
                return core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written');
            try {
                await toolkit.appendSummary(clean(markdown));
            }
            catch (error) {
                core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`, {
                    title: 'Job summary not written'
                });
            }
        },
        runContext: async () => runContext(env, await toolkit.context())
    };
}
/** The workflow run, as far as the runner's context says; a link only from well-formed parts. */
function runContext(env, context) {
    return runContextOf({
        // context.repo splits GITHUB_REPOSITORY on its first slash, whatever else it holds.
        ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
        serverUrl: context.serverUrl,
        runId: context.runId,
        runAttempt: context.runAttempt,
        actor: context.actor,
        eventName: context.eventName
    });
}

;// CONCATENATED MODULE: ./src/util/ids.ts
/** Whether two of Qovery's ids (UUIDs) name the same thing: they are the same whatever their case. */
function sameId(a, b) {
    return a.toLowerCase() === b.toLowerCase();
}
/** A UUID as Qovery writes its ids, in any case. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

;// CONCATENATED MODULE: ./src/rules/request-kind.ts
/** The values of the `actions` input, each a family of trigger_action values. */
const ACTION_NAMES = ['deploy', 'restart', 'stop', 'delete'];
/** trigger_action values and the `actions` value each falls under; any other value is only cancelled by actions: all (words.ts says them in words). */
const FAMILIES = {
    DEPLOY: 'deploy',
    DEPLOY_DRY_RUN: 'deploy',
    RESTART: 'restart',
    STOP: 'stop',
    DELETE: 'delete',
    DELETE_RESOURCES_ONLY: 'delete',
    UNINSTALL: 'delete',
    TERRAFORM_FORCE_UNLOCK: undefined,
    TERRAFORM_MIGRATE_STATE: undefined
};
/**
 * The kind a state's name suggests (DEPLOYING: a deploy, STOPPING: a stop...). A hint only: a
 * request of one kind can show another's state (a deploy stops the services it no longer runs;
 * a restart or a Terraform migration can show DEPLOYING), so a kind is taken from the request's
 * own records, and the hint is what the words fall back on when they name what the state shows.
 * EXECUTING (lifecycle jobs, which run on deploy, stop and delete), QUEUED, CANCELING and states
 * the action does not know suggest nothing.
 */
const KIND_OF_STATE = {
    BUILDING: 'DEPLOY',
    DEPLOYING: 'DEPLOY',
    DEPLOYMENT_QUEUED: 'DEPLOY',
    WAITING_RUNNING: 'DEPLOY',
    RESTARTING: 'RESTART',
    RESTART_QUEUED: 'RESTART',
    WAITING_RESTARTING: 'RESTART',
    STOPPING: 'STOP',
    STOP_QUEUED: 'STOP',
    WAITING_STOPPING: 'STOP',
    DELETING: 'DELETE',
    DELETE_QUEUED: 'DELETE',
    WAITING_DELETING: 'DELETE'
};
/** The `actions` value a trigger_action falls under, or undefined when only `all` covers it. */
function familyOf(action) {
    return FAMILIES[action.toUpperCase()];
}
/** The trigger_action a state's name suggests, when it suggests one (a hint, never a kind). */
function kindHintOfState(state) {
    return KIND_OF_STATE[state.toUpperCase()];
}
/**
 * The kind the records naming a request give it. Its own records come first: its queue row's and
 * its history entry's trigger_action. Its services' status_details.action (a ServiceActionEnum:
 * DEPLOY, DELETE, RESTART, STOP) says what each service is part of, which may differ from service
 * to service; they decide only when the request's own records say nothing. UNKNOWN says nothing.
 * Records of different families disagree, and then no kind is taken from them.
 */
function kindOfRecords(said) {
    const known = said.filter((kind) => kind.action !== '' && kind.action.toUpperCase() !== 'UNKNOWN');
    const own = known.filter((kind) => kind.source !== 'services');
    const deciding = own.length > 0 ? own : known;
    if (deciding.length === 0)
        return {};
    const families = new Set(deciding.map((kind) => familyOf(kind.action) ?? kind.action.toUpperCase()));
    if (families.size > 1)
        return { disagree: deciding };
    const first = deciding[0];
    return { kind: { action: first.action.toUpperCase(), source: first.source } };
}
/** The kinds the services taking part in a request say (its deployment_request_id when both are known, else is_part_last_deployment). */
function kindsOfServices(services, requestId) {
    return services
        .filter((service) => requestId !== undefined && service.deploymentRequestId !== undefined
        ? service.deploymentRequestId === requestId
        : service.isPartOfLastDeployment === true)
        .flatMap((service) => (service.action === undefined ? [] : [{ action: service.action, source: 'services' }]));
}
/** Whether `actions` lets the action cancel a request of this kind; a kind not known only under `all`. */
function isAllowed(kind, allowed) {
    if (allowed === 'all')
        return true;
    const family = kind === undefined ? undefined : familyOf(kind.action);
    return family !== undefined && allowed.has(family);
}
/** The `actions` value that would let the action cancel a request of this kind. */
function actionsValueFor(kind) {
    return (kind === undefined ? undefined : familyOf(kind.action)) ?? 'all';
}
/**
 * The `actions` value that would let the action cancel every one of these kinds as well as what
 * `allowed` lets it cancel now (`deploy, restart`, or `all` when a kind is only covered by all);
 * undefined when `allowed` covers them already.
 */
function actionsValueCovering(kinds, allowed) {
    const left = kinds.filter((kind) => !isAllowed(kind, allowed));
    if (left.length === 0 || allowed === 'all')
        return undefined;
    const families = left.map((kind) => (kind === undefined ? undefined : familyOf(kind.action)));
    if (families.includes(undefined))
        return 'all';
    return describeAllowed(new Set([...allowed, ...families]));
}
/** `deploy`, `deploy, delete` or `all`, as the settings and messages show the input. */
function describeAllowed(allowed) {
    return allowed === 'all' ? 'all' : ACTION_NAMES.filter((name) => allowed.has(name)).join(', ');
}

;// CONCATENATED MODULE: ./src/rules/states.ts
/**
 * Qovery environment states (StateEnum in Qovery's OpenAPI spec) and the rule for when one is
 * final. The list only serves documentation and the contract test: the API adds states over
 * time, so every decision goes through the rule, which handles names it has never seen.
 */
const KNOWN_STATES = [
    'BUILDING',
    'BUILD_ERROR',
    'CANCELED',
    'CANCELING',
    'DELETED',
    'DELETE_ERROR',
    'DELETE_QUEUED',
    'DELETING',
    'DEPLOYED',
    'DEPLOYING',
    'DEPLOYMENT_ERROR',
    'DEPLOYMENT_QUEUED',
    'EXECUTING',
    'QUEUED',
    'READY',
    'RECAP',
    'RESTARTED',
    'RESTARTING',
    'RESTART_ERROR',
    'RESTART_QUEUED',
    'STOPPED',
    'STOPPING',
    'STOP_ERROR',
    'STOP_QUEUED',
    'UNAVAILABLE',
    'WAITING_DELETING',
    'WAITING_RESTARTING',
    'WAITING_RUNNING',
    'WAITING_STOPPING'
];
/** One of the states Qovery's spec lists today. */
function isKnownState(state) {
    return KNOWN_STATES.includes(state.toUpperCase());
}
const CANCELED = 'CANCELED';
/** The state a successful cancel ends in. */
function isCanceled(state) {
    return state.toUpperCase() === CANCELED;
}
/** A cancel taking effect: seen for a request, it is evidence the cancel reached it. */
function isCanceling(state) {
    return state.toUpperCase() === 'CANCELING';
}
/**
 * Qovery's own rule (its Terraform provider uses it): a state is final when it does not end in
 * ING and contains neither QUEUED nor WAITING. CANCELING is therefore not final, and neither is
 * the DEPLOYING the API may still show right after a cancel was accepted.
 */
function isFinalState(state) {
    const name = state.toUpperCase();
    return !name.endsWith('ING') && !name.includes('QUEUED') && !name.includes('WAITING');
}
/** StateEnum values in plain words, where the lower-case name would not read as English. */
const STATE_WORDS = {
    BUILD_ERROR: 'failed to build',
    DELETE_ERROR: 'failed to delete',
    DEPLOYMENT_ERROR: 'failed to deploy',
    RESTART_ERROR: 'failed to restart',
    STOP_ERROR: 'failed to stop',
    DEPLOYMENT_QUEUED: 'queued to deploy',
    DELETE_QUEUED: 'queued to delete',
    RESTART_QUEUED: 'queued to restart',
    STOP_QUEUED: 'queued to stop',
    WAITING_RUNNING: 'waiting to deploy',
    WAITING_DELETING: 'waiting to delete',
    WAITING_RESTARTING: 'waiting to restart',
    WAITING_STOPPING: 'waiting to stop',
    EXECUTING: 'running lifecycle jobs'
};
/** `canceled`, `failed to deploy`, `queued to restart`: a state (a StateEnum name, any) as words for prose. */
function stateWords(state) {
    const name = state.trim().toUpperCase();
    return STATE_WORDS[name] ?? name.toLowerCase().replace(/_+/g, ' ');
}

;// CONCATENATED MODULE: ./src/util/text.ts
/** Small text helpers shared by the log's, the annotations' and the summary's words. */
/** Non-empty text, or undefined: what an untrusted field holds when it holds text. */
function textOf(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/** The text, trimmed, ending in a full stop unless it ends with `.`, `!` or `?`. */
function asSentence(text) {
    const trimmed = text.trim();
    return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
/** `Text` from `text`: the first character in upper case. */
function capitalize(text) {
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
/** `a`, `a and b`, `a, b and c`. */
function joinedWithAnd(items) {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
/** `1 service`, `2 services`: a count and its noun. */
function counted(count, noun, plural = `${noun}s`) {
    return `${count} ${count === 1 ? noun : plural}`;
}

;// CONCATENATED MODULE: ./src/rules/request-end.ts
/**
 * How a deployment request ended, from what Qovery's records say of it. Pure policy: a claim
 * rests on records that name the request (its lookup, the status's `state` beside its
 * deployment_request_id, `last_deployment_state` beside its execution, its history entry, its
 * accepted per-request cancel with the queue read after it). When those that speak agree, the
 * request ended so; when they disagree, the caller reads again, and if they still disagree the end
 * is not known, with what each said. Nothing is picked.
 */


/** The words for each source, in sentences: "Qovery's request lookup". */
const SOURCE_WORDS = {
    status: "the environment's status",
    'last deployment': "the status's last deployment state",
    lookup: "Qovery's lookup of the request",
    history: 'its deployment history entry',
    queue: 'its accepted cancel, after which the queue no longer listed it'
};
/**
 * The verdict of the latest word of each source. The history may lag the status for a few
 * reads (an entry still CANCELING once the request ended), so an entry in progress beside final
 * words says nothing against them; every other source in progress beside a final word is a
 * disagreement. Sources that named no state are simply absent: with none, the request is in
 * progress as far as anyone said.
 */
function judge(said) {
    const latest = latestBySource(said);
    const finals = latest.filter((testimony) => isFinalState(testimony.state));
    if (finals.length === 0)
        return { verdict: 'in progress' };
    const lagging = latest.filter((testimony) => !isFinalState(testimony.state));
    const states = new Set(finals.map((testimony) => testimony.state.toUpperCase()));
    if (states.size > 1 || lagging.some((testimony) => testimony.source !== 'history'))
        return { verdict: 'disagree', said: latest };
    const state = finals[0].state;
    return {
        verdict: 'ended',
        fate: {
            state,
            basis: `${joinedWithAnd(finals.map((testimony) => SOURCE_WORDS[testimony.source]))} say${finals.length > 1 ? '' : 's'} ${state}`
        }
    };
}
/** The end of a request whose records still disagreed when the action had to stop reading. */
function disagreement(said) {
    const each = latestBySource(said).map((testimony) => `${SOURCE_WORDS[testimony.source]} says ${stateWords(testimony.state)}`);
    return { basis: `Qovery's records disagree: ${joinedWithAnd(each)}`, said: latestBySource(said) };
}
/** The end of a request no record named once it had left the status. */
function noRecord(why) {
    return { basis: why };
}
/** The latest testimony of each source, in the order the sources first spoke. */
function latestBySource(said) {
    const latest = new Map();
    for (const testimony of said) {
        const before = latest.get(testimony.source);
        if (before === undefined || testimony.at >= before.at)
            latest.set(testimony.source, testimony);
    }
    return [...latest.values()];
}

;// CONCATENATED MODULE: ./src/util/compact.ts
/** The object without its undefined fields: what was not known is left out, not set to undefined. */
function compact(value) {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined));
}

;// CONCATENATED MODULE: ./src/rules/deployment-request.ts
/**
 * The deployment request: the unit the action cancels. Qovery runs one request per environment
 * at a time and queues the others. This module is pure policy: which request runs and which
 * wait, as the records that name them say (the status, the queue's rows, the services' statuses,
 * the deployment history), and which one to target.
 */






/** A state of waiting for a turn (DEPLOYMENT_QUEUED, STOP_QUEUED...): no request runs. */
function isQueuedState(state) {
    return state.toUpperCase().includes('QUEUED');
}
/** A request runs: the state is in progress and not a waiting one. */
function isRunningState(state) {
    return !isFinalState(state) && !isQueuedState(state);
}
/** The request the status names, lower-case, when it names one. */
function shownRequest(status) {
    return textOf(status.deployment_request_id)?.toLowerCase();
}
/** The execution the status names (last_deployment_id), when it names one. */
function shownExecution(status) {
    return textOf(status.last_deployment_id);
}
/**
 * Whether the status names a request by its id, and by its execution (last_deployment_id): each
 * true or false when both the status and the request give one, undefined when either does not.
 */
function statusNaming(status, request) {
    const shown = shownRequest(status);
    const execution = shownExecution(status);
    return compact({
        byId: shown === undefined || request.id === undefined ? undefined : shown === request.id,
        byExecution: execution === undefined || request.executionId === undefined ? undefined : sameId(execution, request.executionId)
    });
}
/** The services that take part in the deployment shown (is_part_last_deployment not false). */
function takingPart(services) {
    return (services ?? []).filter((service) => service.isPartOfLastDeployment !== false);
}
/** One value when every record that says one agrees; else what each said. */
function agreed(said) {
    const given = said.filter((entry) => entry[1] !== undefined);
    const values = [...new Set(given.map(([, value]) => value.toLowerCase()))];
    if (values.length <= 1)
        return given[0] === undefined ? {} : { value: given[0][1] };
    return { disagreement: given.map(([source, value]) => `${source}: ${value}`).join('; ') };
}
/**
 * The request the status shows, as named by the status and by the services taking part in the
 * deployment shown (each Status names its deployment_request_id and execution_id): its id and
 * execution when those that name one agree, and what each said when they do not.
 */
function shownIdentity(status, services) {
    const part = takingPart(services);
    const ids = agreed([
        ['the status', shownRequest(status)],
        ...part.map((service) => [`service ${service.id}`, service.deploymentRequestId])
    ]);
    const executions = agreed([
        ['the status', shownExecution(status)],
        ...part.map((service) => [`service ${service.id}`, service.executionId])
    ]);
    const disagreements = [ids.disagreement, executions.disagreement].filter((text) => text !== undefined);
    return {
        ...(ids.value === undefined ? {} : { id: ids.value.toLowerCase() }),
        ...(executions.value === undefined ? {} : { executionId: executions.value }),
        disagreements
    };
}
/**
 * The history entry of the deployment that runs: the entry of its execution, when known and in
 * progress; else the one entry in progress, when exactly one is. An entry of that execution that
 * has already ended is not the running deployment's (the status may name another deployment's
 * execution), and none is taken.
 */
function runningEntry(history, executionId) {
    const entries = history ?? [];
    if (executionId !== undefined) {
        const entry = entries.find((candidate) => sameId(candidate.executionId, executionId));
        if (entry !== undefined)
            return isFinalState(entry.state) ? undefined : entry;
    }
    const inProgress = entries.filter((entry) => !isFinalState(entry.state));
    return inProgress.length === 1 ? inProgress[0] : undefined;
}
/**
 * The request the status shows in progress, if any, named and described by its records. A
 * queued state with no waiting request read (an empty queue, or one that could not be read) is
 * still in progress by Qovery's rule: it is canceled through the environment, as the console
 * does while DEPLOYMENT_QUEUED. Its kind comes from its records (a queue row naming it, its
 * history entry, its services), never from its state's name.
 */
function runningRequest(sight, shownIsWanted = false) {
    const { status } = sight;
    if (isFinalState(status.state))
        return undefined;
    if (!shownIsWanted && isQueuedState(status.state) && dedupedQueue(sight.queue).length > 0)
        return undefined;
    const identity = shownIdentity(status, sight.services);
    const row = identity.id === undefined ? undefined : dedupedQueue(sight.queue).find((candidate) => candidate.id === identity.id);
    const entry = runningEntry(sight.history, identity.executionId);
    const said = [
        ...(row?.action === undefined ? [] : [{ action: row.action, source: 'queue' }]),
        ...(entry?.action === undefined ? [] : [{ action: entry.action, source: 'history' }]),
        ...kindsOfServices(sight.services ?? [], identity.id)
    ];
    const finding = kindOfRecords(said);
    const disagreements = [
        ...identity.disagreements,
        ...('disagree' in finding ? [finding.disagree.map((kind) => `${kind.source}: ${kind.action}`).join('; ')] : [])
    ];
    const hint = kindHintOfState(status.state);
    // Who asked for it, from a record of that request only: the status's words are of the request it
    // names, which may not be this one when the records disagree on who runs.
    const statusSpeaks = shownRequest(status) === identity.id;
    const own = entry !== undefined && identity.executionId !== undefined && sameId(entry.executionId, identity.executionId) ? entry : undefined;
    const who = statusSpeaks ? textOf(status.triggered_by) : (row?.triggeredBy ?? own?.triggeredBy);
    const from = statusSpeaks ? textOf(status.origin) : (row?.origin ?? own?.origin);
    return compact({
        via: 'environment',
        id: identity.id,
        executionId: identity.executionId,
        inHistory: own === undefined ? undefined : true,
        kind: 'kind' in finding ? finding.kind : undefined,
        stateHint: hint,
        triggeredBy: who,
        origin: from,
        disagreements: disagreements.length > 0 ? disagreements : undefined
    });
}
/** The queue's rows, each request once (merged requests may be listed twice). */
function dedupedQueue(queue) {
    const seen = new Set();
    return (queue ?? []).filter((row) => !seen.has(row.id) && (seen.add(row.id), true));
}
/** A queue row as a request found waiting: its kind is its trigger_action (UNKNOWN says nothing). */
function foundWaiting(row) {
    const finding = kindOfRecords(row.action === undefined ? [] : [{ action: row.action, source: 'queue' }]);
    return compact({
        id: row.id,
        via: 'queue',
        kind: 'kind' in finding ? finding.kind : undefined,
        triggeredBy: row.triggeredBy,
        origin: row.origin
    });
}
/**
 * Something is in progress that the status does not show: a history entry in progress, or a
 * service in a running state, while the status says nothing runs. Then the reads do not agree on
 * whether anything runs, and nothing is decided on them.
 */
function activityNotShown(sight) {
    if (!isFinalState(sight.status.state))
        return undefined;
    const said = `the status says ${stateWords(sight.status.state)}`;
    const entry = (sight.history ?? []).find((candidate) => !isFinalState(candidate.state));
    if (entry !== undefined)
        return {
            why: `${said}, but the deployment history shows a deployment still ${stateWords(entry.state)}`,
            detail: `status ${sight.status.state}; history execution ${entry.executionId} ${entry.state}`
        };
    const service = takingPart(sight.services).find((candidate) => isRunningState(candidate.state));
    return service === undefined
        ? undefined
        : {
            why: `${said}, but a service is ${stateWords(service.state)}`,
            detail: `status ${sight.status.state}; service ${service.id} ${service.state}`
        };
}
/**
 * The current request: the first one, in the order Qovery runs them (the running one, then the
 * waiting ones), of a kind `actions` allows. With `wanted`, exactly that request, wherever it is.
 * A request whose kind no record gives, ahead of the one chosen, makes the choice unsure: with
 * `actions` short of all, it might be one the action must cancel.
 */
function chooseTarget(sight) {
    const quiet = activityNotShown(sight);
    if (quiet !== undefined)
        return { decision: 'unsure', passedOver: [], ...quiet };
    if (sight.wanted !== undefined)
        return chooseWanted(sight, sight.wanted.toLowerCase());
    const passedOver = [];
    const running = runningRequest(sight);
    const candidates = [
        ...(running === undefined ? [] : [running]),
        ...waitingRows(sight.queue, running?.id).map(foundWaiting)
    ];
    for (const request of candidates) {
        if (isAllowed(request.kind, sight.allowed))
            return { decision: 'cancel', request, passedOver };
        if (request.kind === undefined)
            return unsure(request, passedOver);
        passedOver.push(request);
    }
    return { decision: 'none', passedOver };
}
/** The rows that wait: every request listed, once, but the one that runs (a queue may list it first). */
function waitingRows(queue, runningId) {
    return dedupedQueue(queue).filter((row) => row.id !== runningId);
}
function unsure(request, passedOver) {
    const where = request.via === 'environment' ? 'runs' : 'waits';
    const disagreements = request.via === 'environment' ? request.disagreements : undefined;
    return {
        decision: 'unsure',
        passedOver: [...passedOver, request],
        why: `a request ${where} whose kind no record of it gives${disagreements === undefined ? '' : ' (its records disagree)'}`,
        ...(disagreements === undefined ? {} : { detail: disagreements.join('; ') })
    };
}
function chooseWanted(sight, id) {
    const { status, lookup } = sight;
    const contradiction = wantedContradiction(sight, id);
    if (contradiction !== undefined)
        return { decision: 'unsure', passedOver: [], ...contradiction };
    const running = runningRequest(sight, shownRequest(status) === id);
    const runs = running !== undefined && (running.id === id || (running.id === undefined && lookup?.found === true && isRunningState(lookup.state)));
    const waiting = runs ? undefined : waitingRows(sight.queue, running?.id).find((row) => row.id === id);
    const found = runs ? { ...running, id } : waiting === undefined ? undefined : foundWaiting(waiting);
    if (found === undefined)
        return wantedElsewhere(sight, id);
    if (isAllowed(found.kind, sight.allowed))
        return { decision: 'cancel', request: found, passedOver: [] };
    return found.kind === undefined ? unsure(found, []) : { decision: 'none', passedOver: [found] };
}
/** Qovery's lookup says the request asked for has ended, while the status shows it in progress or the queue lists it. */
function wantedContradiction(sight, id) {
    const { status, lookup } = sight;
    if (lookup?.found !== true || !isFinalState(lookup.state))
        return undefined;
    const said = `Qovery's lookup says the request asked for ended ${stateWords(lookup.state)}`;
    if (shownRequest(status) === id && !isFinalState(status.state) && !isQueuedState(status.state))
        return { why: `${said}, and the status shows it ${stateWords(status.state)}`, detail: `lookup ${lookup.state}; status ${status.state}` };
    if (dedupedQueue(sight.queue).some((row) => row.id === id))
        return { why: `${said}, and the deployment queue still lists it`, detail: `lookup ${lookup.state}; queue lists ${id}` };
    return undefined;
}
/** The request asked for neither runs nor waits here: it ended, it is elsewhere, or Qovery does not know it (yet). */
function wantedElsewhere(sight, id) {
    const { lookup } = sight;
    const theirs = lookup?.found === true ? lookup.environmentId : undefined;
    if (lookup?.found === true && theirs !== undefined && sight.environmentId !== undefined && !sameId(theirs, sight.environmentId))
        return { decision: 'elsewhere', id, state: lookup.state, environmentId: theirs };
    const said = wantedSaid(sight, id);
    const verdict = judge(said);
    if (verdict.verdict === 'ended')
        return { decision: 'ended', id, fate: verdict.fate };
    if (verdict.verdict === 'disagree')
        return { decision: 'ended', id, fate: disagreement(said) };
    if (lookup === undefined || !lookup.found)
        return lookup?.detail === undefined ? { decision: 'unknown', id } : { decision: 'unknown', id, detail: lookup.detail };
    return { decision: 'unlocated', id, state: lookup.state };
}
/**
 * What the records that name the request asked for say of it: the status's state and last
 * deployment state while it names the request (not a queued state: under the id of a request
 * that ran, that is the next request waiting), and its lookup.
 */
function wantedSaid(sight, id) {
    const { status, lookup } = sight;
    const shown = shownRequest(status) === id && !isQueuedState(status.state);
    return [
        ...(shown ? [{ source: 'status', state: status.state, at: 0 }] : []),
        ...(shown && typeof status.last_deployment_state === 'string' && status.last_deployment_state !== ''
            ? [{ source: 'last deployment', state: status.last_deployment_state, at: 0 }]
            : []),
        ...(lookup?.found === true ? [{ source: 'lookup', state: lookup.state, at: 0 }] : [])
    ];
}
/** A final state the action knows, so that it can tell what it means; any other name is reported as seen. */
function isKnownEnd(state) {
    return isFinalState(state) && isKnownState(state);
}
/** `a1b2c3d4`: enough of a request id for logs and tables. */
function shortId(id) {
    return id.slice(0, 8);
}

;// CONCATENATED MODULE: ./src/report/console-links.ts
/**
 * Links into Qovery's console, by the routes its code has served since 2026-05 (Qovery's console,
 * commit 720181b1; the older `.../logs/...` patterns the Qovery CLI still prints match no route).
 * Each id goes in as one path segment, percent-encoded beyond encodeURIComponent (! ' ( ) * too),
 * so that a link can go into Markdown as it is. A function returns undefined when an id it needs
 * is missing, empty, `.` or `..` (which a browser would take for a step up the path).
 */
const CONSOLE_URL = 'https://console.qovery.com';
/** The environment's overview: `/organization/{org}/project/{project}/environment/{env}/overview`. */
function environmentLink(place) {
    return consolePath(place, ['overview']);
}
/** The environment's deployments: `.../environment/{env}/deployments`. */
function deploymentsLink(place) {
    return consolePath(place, ['deployments']);
}
/** One deployment, by its execution id (the status's last_deployment_id): `.../environment/{env}/deployment/{execution_id}`. */
function deploymentLink(place, executionId) {
    return consolePath(place, ['deployment', segment(executionId)]);
}
/** A service's logs in one deployment: `.../environment/{env}/service/{serviceId}/deployments/logs/{execution_id}`. */
function serviceLogsLink(place, serviceId, executionId) {
    return consolePath(place, ['service', segment(serviceId), 'deployments', 'logs', segment(executionId)]);
}
/** The environment's path followed by `rest`, or undefined when a segment is missing. */
function consolePath(place, rest) {
    const segments = [
        'organization',
        segment(place.organizationId),
        'project',
        segment(place.projectId),
        'environment',
        segment(place.environmentId),
        ...rest
    ];
    if (segments.some((part) => part === undefined))
        return undefined;
    return `${CONSOLE_URL}/${segments.join('/')}`;
}
/** One path segment of an id, or undefined when there is none to put in. */
function segment(id) {
    if (id === undefined || id === '' || id === '.' || id === '..')
        return undefined;
    return encodeURIComponent(id).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

;// CONCATENATED MODULE: ./src/rules/service-ends.ts
/**
 * What became of each service of a canceled deployment, read from what Qovery says, never
 * inferred: the deployment's history entry (listEnvironmentDeploymentHistoryV2, the entry whose
 * execution id is the status's last_deployment_id, as Qovery's console pairs them; taken only when
 * nothing contradicts it, see deployment-record.ts) lists the services and their state in that
 * deployment; getEnvironmentStatuses gives their state now.
 */


/** The state each kind of request (trigger_action) leaves a service in once done with it (StateEnum). */
const DONE_STATES = { DEPLOY: 'DEPLOYED', STOP: 'STOPPED', DELETE: 'DELETED', RESTART: 'RESTARTED' };
const DONE_WORDS = { DEPLOY: 'deployed', STOP: 'stopped', DELETE: 'deleted', RESTART: 'restarted' };
/** StageStatusEnum values of a stage that did not run its services. */
const STAGES_NOT_RUN = ['QUEUED', 'SKIPPED'];
const END_ORDER = ['canceled', 'done-before-cancel', 'failed', 'in-progress', 'not-started', 'unknown'];
/**
 * The history entry of one deployment: the one whose identifier.execution_id is `executionId`
 * (the status's last_deployment_id), compared case-insensitively; undefined when none is.
 */
function findDeployment(history, executionId) {
    if (executionId === undefined || executionId === null || executionId === '')
        return undefined;
    return history.find((entry) => sameId(entry.executionId, executionId));
}
/**
 * Why the history entry cannot tell how its services ended, if so: the request has ended, and the
 * entry still shows it in progress (Qovery's history may lag behind the status). A service it
 * shows in progress did not stay so, and one it shows done may have been rolled back since: what
 * each ended as is not known. Undefined when the entry can tell (it is final, or the request has
 * not ended: its services were in progress when the run stopped).
 */
function entryBehindEnd(deployment, requestEnded) {
    if (!requestEnded || isFinalState(deployment.state))
        return undefined;
    return `Qovery's deployment history still showed the deployment ${stateWords(deployment.state)} after it had ended`;
}
/**
 * Each service the deployment's history entry lists, stage by stage in Qovery's order, with how
 * it ended (End) and its state now from `statuses` (matched by id). A service only in
 * `statuses` is not one of the deployment's: it is left out. No entry: no services.
 * `kind` is the request's kind (DEPLOY, STOP, DELETE, RESTART...); without it, the entry's
 * trigger_action.
 */
function serviceEnds(deployment, statuses, kind) {
    if (deployment === undefined)
        return [];
    const requestKind = kind ?? deployment.action;
    const now = new Map((statuses ?? []).map((status) => [status.id.toLowerCase(), status.state]));
    return deployment.stages.flatMap((stage) => stage.services.map((service) => {
        const end = {
            id: service.id.toLowerCase(),
            name: service.name,
            type: service.type,
            stage: stage.name,
            state: service.state,
            end: endOf(service.state, stage.status, requestKind)
        };
        const state = now.get(end.id);
        const durationMs = parseIsoDuration(service.duration);
        if (state !== undefined)
            end.now = state;
        if (service.version !== undefined)
            end.version = service.version;
        if (durationMs !== undefined)
            end.durationMs = durationMs;
        return end;
    }));
}
/** How a service in `state` ended, in a stage of `stageStatus` (StageStatusEnum), for a request of `kind` (see End). */
function endOf(state, stageStatus, kind) {
    const name = state.trim().toUpperCase();
    if (name === '')
        return 'unknown';
    if (name === 'CANCELED')
        return 'canceled';
    if (name.endsWith('_ERROR'))
        return 'failed';
    if (!isFinalState(name))
        return STAGES_NOT_RUN.includes(stageStatus?.trim().toUpperCase() ?? '') ? 'not-started' : 'in-progress';
    const expected = DONE_STATES[kind?.trim().toUpperCase() ?? ''];
    const done = expected === undefined ? Object.values(DONE_STATES).includes(name) : name === expected;
    return done ? 'done-before-cancel' : 'unknown';
}
/**
 * How a service ended, in words: "canceled", "deployed before the cancel" (the words for the
 * services done follow `kind`: deployed, stopped, deleted, restarted; "done" for another kind).
 */
function endWords(end, kind) {
    const words = {
        canceled: 'canceled',
        'done-before-cancel': `${DONE_WORDS[kind?.trim().toUpperCase() ?? ''] ?? 'done'} before the cancel`,
        failed: 'failed',
        'in-progress': 'still in progress',
        'not-started': 'not started',
        unknown: 'in an unknown state'
    };
    return words[end];
}
/**
 * The one-line sum-up for the log, such as `3 services: 1 canceled, 2 deployed before the
 * cancel`. Counts only: no text from the API.
 */
function describeServiceEnds(ends, kind) {
    if (ends.length === 0)
        return 'no service listed';
    const counts = END_ORDER.map((end) => ({ end, count: ends.filter((service) => service.end === end).length }));
    const parts = counts.filter(({ count }) => count > 0).map(({ end, count }) => `${count} ${endWords(end, kind)}`);
    return `${ends.length} service${ends.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
/** PnW, PnD, then T with nH, nM, nS; each number may have a fraction (`.` or `,`). */
const ISO_DURATION = /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const ISO_UNIT_MS = [604_800_000, 86_400_000, 3_600_000, 60_000, 1000];
/**
 * An ISO 8601 duration as Qovery gives it (`format: duration`, such as PT1M30.5S) in
 * milliseconds, rounded; undefined when unreadable: not text, empty, negative, with years or
 * months (no fixed length), or a bare P or T.
 */
function parseIsoDuration(text) {
    if (typeof text !== 'string')
        return undefined;
    const value = text.trim().toUpperCase();
    const match = ISO_DURATION.exec(value);
    if (match === null || value === 'P' || value.endsWith('T'))
        return undefined;
    const ms = match
        .slice(1)
        .reduce((sum, part, index) => sum + (part === undefined ? 0 : Number(part.replace(',', '.')) * ISO_UNIT_MS[index]), 0);
    return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

;// CONCATENATED MODULE: ./src/report/report-views.ts
/**
 * Readings of a run that several reports share: each service's end in the deployment the targeted
 * request ran, and the links into Qovery's console.
 */




/**
 * The services of the deployment the targeted request ran: [] for a request canceled before it
 * ran (it touched none), why not known when the reads failed, its history entry lists them in a
 * shape that cannot be read (never none for a request that ran: those that could be read, when
 * some could) or still shows the deployment in progress though the request ended (never "in
 * progress" for a service of a request that ended), undefined where no deployment is in question
 * (nothing was targeted, or it had ended before the run).
 */
function serviceEndsOf(report) {
    const target = report.target;
    if (target === undefined || target.alreadyEnded !== undefined)
        return undefined;
    if (target.via === 'queue' && target.fate !== undefined)
        return { value: [] };
    const deployment = report.deployment;
    if (deployment === undefined)
        return undefined;
    if ('unknown' in deployment.entry)
        return { unknown: deployment.entry.unknown };
    const behind = entryBehindEnd(deployment.entry.value, target.fate !== undefined);
    if (behind !== undefined)
        return { unknown: behind };
    const statuses = 'value' in deployment.statuses ? deployment.statuses.value : undefined;
    const { unreadable } = deployment.entry.value;
    const ends = serviceEnds(deployment.entry.value, statuses, target.kind?.action);
    if (ends.length === 0 && unreadable !== undefined)
        return { unknown: `Qovery's deployment history lists them in a shape the action cannot read (${unreadable})` };
    return { value: ends };
}
/**
 * The requests seen to end CANCELED besides the target and the one the cancel first targeted (told
 * apart, when the cancel reached the next request): the waiting requests canceled (queued: cancel).
 */
function alsoCanceledIds(report) {
    return report.canceledRequests.filter((id) => id !== report.target?.id && id !== report.missed?.id);
}
/** What the targeted request's history entry lists that could not be read (see DeploymentHistoryEntry), if anything. */
function unreadableServicesOf(report) {
    const entry = report.deployment?.entry;
    return entry !== undefined && 'value' in entry ? entry.value.unreadable : undefined;
}
/**
 * The targeted request's execution, for its page in the console, when its history entry confirms
 * it: the entry read once it ended and taken as its own, or, before that, an entry of that
 * execution in progress while it ran. An execution the history does not show may be an id of
 * another kind, or another deployment's: its page would be another's, or none.
 */
function confirmedExecution(report) {
    const target = report.target;
    if (target?.via !== 'environment' || target.executionId === undefined)
        return undefined;
    const entry = report.deployment?.entry;
    if (entry !== undefined)
        return 'value' in entry ? entry.value.executionId : undefined;
    return target.inHistory === true ? target.executionId : undefined;
}
/** The environment's page, and the targeted request's deployment page once it ran. */
function consoleLinksOf(report) {
    const details = report.environment !== undefined && 'value' in report.environment ? report.environment.value : undefined;
    const place = {
        organizationId: report.resolved?.organization.id ?? details?.organizationId,
        projectId: report.resolved?.project.id ?? details?.projectId,
        environmentId: report.environmentId
    };
    const execution = confirmedExecution(report);
    const entry = report.deployment !== undefined && 'value' in report.deployment.entry ? report.deployment.entry.value : undefined;
    const serviceLogs = (entry?.stages ?? []).flatMap((stage) => stage.services.flatMap((service) => {
        const logs = serviceLogsLink(place, service.id, execution);
        return logs === undefined ? [] : [{ id: service.id, name: service.name, link: logs }];
    }));
    return compact({
        environment: environmentLink(place),
        deployments: deploymentsLink(place),
        deployment: deploymentLink(place, execution),
        serviceLogs: serviceLogs.length > 0 ? serviceLogs : undefined
    });
}
/**
 * What still waits, as the queue was last read (the report says when, if that was before the end):
 * each request once, but the target, the request that runs (a queue may list it first) and the one
 * that started next; a request whose cancel was sent after that read, and not refused, is not
 * counted. Undefined when the queue was not read, or could not be; and when a request runs that
 * no record names (the status names none, or names one its other records contradict): any row
 * could be the one that runs.
 */
function stillWaiting(report) {
    if (report.queue === undefined)
        return undefined;
    const running = runningNow(report);
    if (running === 'not named' && report.queue.length > 0)
        return undefined;
    return waitingRows(report.queue, running === 'not named' ? undefined : running).filter((request) => request.id !== report.target?.id &&
        request.id !== report.startedNext &&
        (report.queueReadAfterCancel || (report.waitingCancels.get(request.id)?.accepted ?? false) === false));
}
/** The request that runs as the last status read shows it, when it is named without doubt; 'not named' when one runs unnamed; undefined when none runs. */
function runningNow(report) {
    const status = report.status;
    if (status === undefined || !isRunningState(status.state))
        return undefined;
    const services = report.deployment !== undefined && 'value' in report.deployment.statuses ? report.deployment.statuses.value : undefined;
    const named = shownIdentity(status, services);
    if (named.id === undefined || named.disagreements.length > 0 || report.doubts.length > 0)
        return 'not named';
    return named.id;
}

;// CONCATENATED MODULE: ./src/report/outputs.ts



/** Every output action.yml declares, in its order. */
const OUTPUT_NAMES = [
    'outcome',
    'canceled',
    'state',
    'last-deployment-state',
    'last-deployment-id',
    'last-deployment-date',
    'deployment-request-id',
    'deployment-request-action',
    'canceled-request-ids',
    'waiting-request-ids',
    'total-deployment-duration-in-seconds',
    'deployment-status',
    'environment-id',
    'status-json',
    'services',
    'console-url'
];
/** The outputs holding JSON. */
const JSON_OUTPUTS = [
    'canceled-request-ids',
    'waiting-request-ids',
    'status-json',
    'services'
];
/**
 * The outputs of a run that learned nothing (invalid inputs, or an unexpected error): the outcome,
 * canceled false, empty strings, and `null` in every JSON output, which fromJSON reads where an
 * empty value would fail the expression.
 */
function outputsWithout(outcome) {
    const outputs = Object.fromEntries(OUTPUT_NAMES.map((name) => [name, JSON_OUTPUTS.includes(name) ? 'null' : '']));
    return { ...outputs, outcome, canceled: 'false' };
}
/** The outputs of a run, from what it learned. */
function outputsOf(report) {
    const status = report.status;
    const waiting = stillWaiting(report);
    const services = serviceEndsOf(report);
    const links = consoleLinksOf(report);
    // The request acted on, else the one left alone for its kind.
    const request = report.target ?? report.passedOver[0];
    return {
        ...outputsWithout(report.outcome),
        canceled: String(report.outcome === 'canceled'),
        'environment-id': report.environmentId ?? '',
        'deployment-request-id': request?.id ?? '',
        'deployment-request-action': request?.kind?.action ?? '',
        'canceled-request-ids': JSON.stringify(canceledRequestIds(report)),
        'waiting-request-ids': JSON.stringify(waiting === undefined ? null : waiting.map((request) => request.id)),
        services: JSON.stringify(services === undefined || 'unknown' in services
            ? null
            : services.value.map(({ id, name, type, stage, state }) => ({ id, name, type, stage, state }))),
        'console-url': links.deployment ?? links.environment ?? '',
        ...(status === undefined
            ? {}
            : {
                state: status.state,
                'last-deployment-state': status.last_deployment_state,
                'last-deployment-id': outputs_text(status.last_deployment_id),
                'last-deployment-date': outputs_text(status.last_deployment_date),
                'total-deployment-duration-in-seconds': outputs_text(status.total_deployment_duration_in_seconds),
                'deployment-status': outputs_text(status.deployment_status),
                'status-json': JSON.stringify(status)
            })
    };
}
/**
 * The requests seen to end CANCELED; null when a request the action canceled may have been, and
 * the action cannot say which: its cancel was sent and its end not seen, it ended and how is not
 * known, its id is not known, a waiting request's accepted cancel was never confirmed by a read
 * of the queue, or a waiting request's cancel was sent with no answer and the request was not seen
 * still waiting after it.
 */
function canceledRequestIds(report) {
    const target = report.target;
    const sent = report.cancel?.sentAt !== undefined && report.cancel.refusedWith === undefined;
    if (sent && target?.fate === undefined)
        return null;
    if (target?.fate !== undefined && (target.fate.state === undefined || !isKnownEnd(target.fate.state)))
        return null;
    if (target?.fate?.state !== undefined && isCanceled(target.fate.state) && target.id === undefined)
        return null;
    const readAfter = report.queue !== undefined && report.queueReadAfterCancel ? report.queue : undefined;
    for (const [id, answer] of report.waitingCancels) {
        if (answer.accepted === false || report.canceledRequests.includes(id))
            continue;
        // Accepted: the queue read after it tells. Sent with no answer: only still waiting tells (it was not).
        const told = answer.accepted ? readAfter !== undefined : readAfter?.some((request) => request.id === id) === true;
        if (!told)
            return null;
    }
    return report.canceledRequests;
}
function outputs_text(value) {
    return value === null || value === undefined ? '' : String(value);
}

;// CONCATENATED MODULE: ./src/report/crash-report.ts





/**
 * Reports an error that escaped the run (a bug, or the runner's environment breaking something
 * the run does not expect): the outputs of a run without a report, a job summary, and the step
 * failed, each written on its own so that one failing does not stop the others. Reports once;
 * later calls (a second error on the way out) do nothing. `io` is made on first use, so that an
 * error in making it is reported as far as possible too.
 */
function crashReporter(io) {
    let reported = false;
    return async (error) => {
        if (reported)
            return;
        reported = true;
        let runner;
        const attempt = async (write) => {
            try {
                runner ??= io();
                await write(runner);
            }
            catch {
                // Each write on its own: what can still be written is.
            }
        };
        let message = describe(error);
        let stack = error instanceof Error && error.stack !== undefined ? withoutUrlCredentials(error.stack) : undefined;
        await attempt((runner) => {
            message = redactToken(message, runner);
            if (stack !== undefined)
                stack = redactToken(stack, runner);
        });
        // Where it broke, for whoever looks into it with the runner's debug logging on.
        if (stack !== undefined)
            await attempt((runner) => runner.debug(stack));
        for (const [name, value] of Object.entries(outputsWithout('failed')))
            await attempt((runner) => runner.setOutput(name, value));
        await attempt((runner) => runner.writeSummary(crashSummary(message)));
        await attempt((runner) => runner.setFailed(`The action failed unexpectedly: ${message} Whether a cancel request reached Qovery is not known: check the environment's deployments in the Qovery console.`, 'Failed unexpectedly'));
        // The step fails even if the runner could not be told.
        process.exitCode = 1;
    };
}
/** The job summary of a crash: what happened, the error as a block of text, what is not known. */
function crashSummary(message) {
    // A fence longer than any run of backticks in the message, so that nothing in it is Markdown.
    const fence = '`'.repeat(Math.max(3, ...[...message.matchAll(/`+/g)].map((run) => run[0].length + 1)));
    return [
        '## \u274c Failed unexpectedly',
        '',
        'The action stopped on an unexpected error:',
        '',
        fence,
        message,
        fence,
        '',
        "Whether a cancel request reached Qovery is not known: check the environment's deployments in the Qovery console before running the action again.",
        ''
    ].join('\n');
}
/** The error's message, one line ending in a full stop. */
function describe(error) {
    const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
    return asSentence(safeLine(withoutUrlCredentials(text)));
}
/** A URL's user:password@ shown as ***@, wherever the text holds one. */
function withoutUrlCredentials(text) {
    return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@');
}
/**
 * The text without the token: the message goes into the summary file as written, and the error
 * may have come before run() masked the token (which it does first, before any other line).
 */
function redactToken(text, runner) {
    const token = runner.getInput('token').trim();
    if (token === '')
        return text;
    return redact(text, secretsOf(token, authorizationFor(token)));
}

;// CONCATENATED MODULE: ./src/rules/outcome.ts
/**
 * How a run ends: the `outcome` output. The words each outcome is told with are the report's
 * (report/outcome-words.ts); which outcome a request's end gives is policy, here.
 */


/** The outcome once the targeted request has ended: canceled only when it is known to have ended CANCELED. */
function outcomeOfFate(fate) {
    if (fate.state === undefined || !isKnownEnd(fate.state))
        return 'unknown';
    return isCanceled(fate.state) ? 'canceled' : 'finished';
}

;// CONCATENATED MODULE: ./src/qovery/faults.ts
class RequestFailed extends Error {
    fault;
    /** Method and path, such as `GET /environment/<id>/status`. */
    request;
    constructor(fault, request) {
        super(`${request}: ${describeFault(fault)}`);
        this.name = 'RequestFailed';
        this.fault = fault;
        this.request = request;
    }
}
/**
 * Network failures no retry fixes: a certificate refused, a request the client refuses. A host
 * that does not resolve (ENOTFOUND) is not among them: a runner's resolver that restarts, or a
 * cold cache, answers so for a moment (see attemptsFor in retry-policy.ts).
 */
const PERMANENT_NETWORK_CODES = new Set([
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'CERT_HAS_EXPIRED',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    // Refused by the HTTP client before anything was sent (a header it cannot carry): no retry fixes it.
    'UND_ERR_INVALID_ARG',
    'ERR_INVALID_CHAR'
]);
/**
 * Failures that happen before a request leaves this machine or reaches a server: nothing was
 * received. After any other fault (a timeout, a reset, an answer), the server may have acted on it.
 */
const NEVER_RECEIVED = new Set([...PERMANENT_NETWORK_CODES, 'ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Whether the server may have received the request that failed so: anything but a failure to reach it. */
function mayHaveBeenReceived(fault) {
    if (fault.kind === 'timeout')
        return fault.notSent !== true;
    return fault.kind !== 'network' || !NEVER_RECEIVED.has(fault.code);
}
const REASONS = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    408: 'Request Timeout',
    405: 'Method Not Allowed',
    409: 'Conflict',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    501: 'Not Implemented',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout'
};
/** `HTTP 503 Service Unavailable`: the status with its reason phrase, where it has a common one. */
function statusLine(status) {
    const reason = REASONS[status];
    return `HTTP ${status}${reason ? ` ${reason}` : ''}`;
}
function describeFault(fault) {
    switch (fault.kind) {
        case 'http':
            return `${statusLine(fault.status)}${fault.detail ? `: ${fault.detail}` : ''}`;
        case 'network':
            // Node's messages often start with the code already: "connect ECONNREFUSED 127.0.0.1:443".
            return fault.message.includes(fault.code) ? fault.message : `${fault.code} (${fault.message})`;
        case 'timeout':
            return fault.atDeadline
                ? 'no complete answer before the timeout ran out'
                : `no complete answer within ${fault.afterMs}ms (request-timeout)`;
        case 'bad-body':
            return `HTTP ${fault.status} with an unusable body: ${fault.reason}`;
        case 'too-large':
            return fault.part === 'body'
                ? `the answer's body is larger than ${formatBytes(fault.limitBytes)} (decoded), the most the action reads of one answer and far above any Qovery answer: a proxy or gateway in between may be sending something else`
                : `the answer's headers are larger than ${formatBytes(fault.limitBytes)}, the most the action reads: a proxy or load balancer in between may be adding them`;
    }
}
/** A size in bytes as `32 MiB` or `128 KiB` (rounded down), or in bytes below 1 KiB. */
function formatBytes(bytes) {
    if (bytes >= 1024 * 1024)
        return `${Math.floor(bytes / (1024 * 1024))} MiB`;
    return bytes >= 1024 ? `${Math.floor(bytes / 1024)} KiB` : `${bytes} bytes`;
}

;// CONCATENATED MODULE: ./src/qovery/retry-policy.ts

const BACKOFF_CAP_MS = 30_000;
/** Failed status reads in a row that end the wait (the error budget). */
const READ_BUDGET = 10;
/** Cancel requests sent at most; repeating one is safe, the API answers 409. */
const CANCEL_ATTEMPTS = 5;
/** Tries of a read that only adds to the report (names, services): it must not hold the step up. */
const EXTRA_READ_ATTEMPTS = 3;
/**
 * The cancel request and the first status read back off from about a second (less when the
 * poll interval is shorter): the user is waiting on them. Reads during the wait back off from
 * the poll interval, up to 16 intervals and 30 s, never below one interval. Reads that only add
 * to the report ('extra') back off as the first read, and give up sooner.
 */
function policyFor(kind, pollIntervalMs) {
    const baseMs = kind === 'poll' ? pollIntervalMs : Math.min(1000, pollIntervalMs);
    const capMs = Math.max(baseMs, Math.min(BACKOFF_CAP_MS, baseMs * 16));
    const maxAttempts = kind === 'cancel' ? CANCEL_ATTEMPTS : kind === 'extra' ? EXTRA_READ_ATTEMPTS : READ_BUDGET;
    const policy = { baseMs, capMs, maxAttempts };
    // The jitter alone could halve the first wait: a read while waiting keeps the poll interval.
    return kind === 'poll' ? { ...policy, floorMs: pollIntervalMs } : policy;
}
/**
 * Tries of a request whose host does not resolve (ENOTFOUND) before the API has answered any
 * request of the run: after them the name is taken as wrong (api-url, or a proxy variable), not
 * as a resolver's blip, and the step fails within seconds rather than after its whole error budget.
 */
const UNRESOLVED_HOST_ATTEMPTS = 3;
/** Transient: worth another try. 4xx answers other than 408 and 429 never are, nor an answer over the caps. */
function isTransient(fault) {
    switch (fault.kind) {
        case 'http':
            // 501 Not Implemented is an answer about the endpoint, not a passing fault.
            return fault.status === 408 || fault.status === 429 || (fault.status >= 500 && fault.status !== 501);
        case 'network':
            return !PERMANENT_NETWORK_CODES.has(fault.code);
        case 'timeout':
        case 'bad-body':
            return true;
        case 'too-large':
            return false;
    }
}
/**
 * The tries a call gets while it fails with `fault` (transient): the policy's, but at most
 * UNRESOLVED_HOST_ATTEMPTS for a host that does not resolve before the API has answered any
 * request of the run. Once the API has answered, such a failure is a resolver's blip, and gets
 * the whole budget, as a refused connection does.
 */
function attemptsFor(fault, policy) {
    const unresolved = fault.kind === 'network' && fault.code === 'ENOTFOUND' && fault.beforeAnyAnswer === true;
    return unresolved ? Math.min(policy.maxAttempts, UNRESOLVED_HOST_ATTEMPTS) : policy.maxAttempts;
}
/** Exponential backoff with equal jitter: half the step is fixed, half random. */
function backoffDelay(attempt, policy, random) {
    const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(step / 2 + (step / 2) * random);
}
/** Retry-After as seconds or as an HTTP date (against the wall clock); undefined when absent or unreadable. */
function parseRetryAfter(value, nowMs) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    if (!/[a-z]/i.test(text))
        return undefined;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
/**
 * The delay in ms before retry number `attempt` (1 for the first retry): the backoff, never less
 * than the policy's floor. The server's Retry-After on a 429 or 503 is a floor too, not a
 * ceiling: a rate limiter that answers `Retry-After: 0` must not turn the retries into a burst.
 * The caller still cuts every sleep at its deadline.
 */
function retryDelay(fault, attempt, policy, nowMs, random) {
    const own = Math.max(backoffDelay(attempt, policy, random), policy.floorMs ?? 0);
    if (fault.kind === 'http' && (fault.status === 429 || fault.status === 503)) {
        return Math.max(own, parseRetryAfter(fault.retryAfter, nowMs) ?? 0);
    }
    return own;
}

// EXTERNAL MODULE: ./src/util/interrupted.ts
var interrupted = __webpack_require__(2014);
;// CONCATENATED MODULE: ./src/util/duration.ts
/** Durations as users write them in workflow inputs, and as the action prints them. */
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** setTimeout cannot wait longer than this; anything above would fire at once. */
const MAX_DURATION_MS = 2_147_483_647;
const DURATION_FORMS = '500ms, 90s, 10m, 1.5m, 1h, 1h30m or a bare number of seconds such as 90';
/**
 * Parses `500ms`, `90s`, `10m`, `1.5m`, `1h`, combinations such as `1h30m`, and a bare number of
 * seconds (`90`, `2.5`), to the nearest millisecond. Returns milliseconds, or a reason the text is not a duration.
 */
function parseDuration(text) {
    const value = text.trim().toLowerCase();
    if (value === '')
        return { problem: 'it is empty' };
    if (/^\d+(\.\d+)?$/.test(value))
        return checked(Math.round(Number(value) * 1000));
    if (/^-/.test(value))
        return { problem: 'it is negative' };
    const part = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;
    let total = 0;
    let seen = '';
    while (part.lastIndex < value.length) {
        const start = part.lastIndex;
        const match = part.exec(value);
        if (!match)
            return { problem: `"${value.slice(start)}" is not a number followed by ms, s, m or h` };
        const unit = match[2];
        // 1h30m reads naturally; 30m1h or 5s5s is a typo, not a duration.
        if (seen !== '' && !unitsDescend(seen, unit)) {
            return { problem: `units must go from larger to smaller, each once` };
        }
        seen = unit;
        total += Number(match[1]) * UNIT_MS[unit];
    }
    return checked(Math.round(total));
}
function unitsDescend(previous, next) {
    return UNIT_MS[previous] > UNIT_MS[next];
}
function checked(ms) {
    if (ms <= 0)
        return { problem: 'it must be at least 1ms' };
    if (ms > MAX_DURATION_MS)
        return { problem: 'it is longer than 24 days, the longest wait Node.js can schedule' };
    return { ms };
}
/** `1h 2m 3s`, `4.2s`, `350ms`: short, exact enough for logs and summaries. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.max(0, Math.round(ms))}ms`;
    if (ms < 60_000)
        return `${trimZero((ms / 1000).toFixed(1))}s`;
    const totalSeconds = Math.round(ms / 1000);
    const hours = Math.floor(totalSeconds / 3600);
    const minutes = Math.floor((totalSeconds % 3600) / 60);
    const seconds = totalSeconds % 60;
    return [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''].filter(Boolean).join(' ');
}
function trimZero(text) {
    return text.endsWith('.0') ? text.slice(0, -2) : text;
}

;// CONCATENATED MODULE: ./src/qovery/retrying.ts



/** The deadline (the timeout input) came while sleeping or before a request could be sent. */
class DeadlineReached extends Error {
    lastFault;
    constructor(lastFault) {
        super('deadline reached');
        this.lastFault = lastFault;
    }
}
/** A call failed transiently as many times in a row as its policy allows. */
class RetriesExhausted extends Error {
    constructor(what, attempts, failure) {
        super(`${what} failed ${attempts} times in a row; the last time: ${failure.message}`);
    }
}
function retrying({ clock, signal, random, log, deadline, onRetry }) {
    const sleep = async (ms) => {
        const until = Math.min(clock.now() + Math.max(0, ms), deadline);
        // Node sets a timer from the event loop's cached time, so it can fire a little early: sleep
        // the rest, lest a retry go out a moment before the deadline instead of ending at it.
        do
            await clock.sleep(Math.max(0, until - clock.now()), signal);
        while (clock.now() < until);
        if (clock.now() >= deadline)
            throw new DeadlineReached();
    };
    const call = async (what, policy, attempt) => {
        let last;
        for (let tries = 1;; tries++) {
            if (clock.now() >= deadline)
                throw new DeadlineReached(last);
            try {
                return await attempt();
            }
            catch (error) {
                // The client refused to send, the deadline having come: what ends the call is the last answer.
                if (error instanceof RequestFailed && error.fault.kind === 'timeout' && error.fault.notSent)
                    throw new DeadlineReached(last);
                if (!(error instanceof RequestFailed) || !isTransient(error.fault))
                    throw error;
                const attempts = attemptsFor(error.fault, policy);
                // Fewer tries than the policy's (a host that never resolved): the fault itself is the
                // answer, and says which input to check; not "the API seems to be failing".
                if (tries >= attempts)
                    throw attempts < policy.maxAttempts ? error : new RetriesExhausted(what, tries, error);
                last = error.fault;
                const delay = retryDelay(error.fault, tries, policy, clock.wallNow(), random());
                // Never promise a wait longer than what is left of the timeout.
                const left = deadline - clock.now();
                const next = delay <= left
                    ? `retrying in ${formatDuration(delay)}`
                    : `the timeout runs out in ${formatDuration(left)}, before the ${formatDuration(delay)} a retry would wait`;
                log(`${what} failed (${describeFault(error.fault)}), attempt ${tries} of ${attempts}; ${next}`);
                onRetry?.();
                try {
                    await sleep(delay);
                }
                catch (stopped) {
                    throw stopped instanceof DeadlineReached ? new DeadlineReached(error.fault) : stopped;
                }
            }
        }
    };
    return { call, sleep };
}

;// CONCATENATED MODULE: ./src/qovery/environment-reads.ts





/** Deployments the history is asked for: the canceled one is among the newest. */
const HISTORY_PAGE_SIZE = 10;
/** 403: the token may not read the queue. 404, 405, 410, 501: no queue here (a proxy, an older API). */
const QUEUE_NOT_AVAILABLE = [403, 404, 405, 410, 501];
/** A budget for reads that only add to the report ran out before they could be answered. */
class BudgetSpent extends Error {
    constructor(budgetMs) {
        super(`not answered within the ${formatDuration(budgetMs)} given to reads that only add to the report`);
        this.name = 'BudgetSpent';
    }
}
function environmentReads(environmentId, deps, budget) {
    const { api, signal } = deps;
    const extra = policyFor('extra', deps.pollIntervalMs);
    const under = (stop) => {
        const retry = retrying({ ...deps, signal: stop });
        const extraStop = budget === undefined ? stop : AbortSignal.any([stop, budget]);
        const extraRetry = retrying({ ...deps, signal: extraStop });
        const known = (what, call) => knownOrWhy(extraRetry.call(what, extra, () => call(extraStop)));
        return {
            status: (policy = deps.policy) => retry.call('Reading the environment status', policy, () => api.getStatus(environmentId, stop)),
            queue: (policy = deps.policy) => queueOrWhy(retry.call('Reading the deployment queue', policy, () => api.getQueue(environmentId, stop))),
            lookUp: (id, policy = deps.policy) => retry.call(`Looking up deployment request ${id}`, policy, () => api.getRequestStatus(id, stop)),
            environment: () => known('Reading the environment', (cut) => api.getEnvironment(environmentId, cut)),
            statusNow: () => known('Reading the environment status', (cut) => api.getStatus(environmentId, cut)),
            lookUpNow: (id) => known(`Looking up deployment request ${id}`, (cut) => api.getRequestStatus(id, cut)),
            queueNow: () => knownOrWhy(queueOrWhy(extraRetry.call('Reading the deployment queue', extra, () => api.getQueue(environmentId, extraStop)))),
            serviceStatuses: () => known("Reading the services' statuses", (cut) => api.getServiceStatuses(environmentId, cut)),
            history: () => known('Reading the deployment history', (cut) => api.getDeploymentHistory(environmentId, HISTORY_PAGE_SIZE, cut))
        };
    };
    return {
        ...under(signal),
        async sideBySide(reads) {
            const stop = new AbortController();
            try {
                return await Promise.all(reads(under(AbortSignal.any([signal, stop.signal]))));
            }
            finally {
                stop.abort();
            }
        },
        within(ms) {
            const spent = new AbortController();
            // A timer of its own, not the run's clock: the budget bounds how long the step waits on
            // these reads, whatever the clock the deadlines are counted on.
            const timer = setTimeout(() => spent.abort(new BudgetSpent(ms)), Math.max(0, ms));
            timer.unref();
            return environmentReads(environmentId, deps, budget === undefined ? spent.signal : AbortSignal.any([budget, spent.signal]));
        }
    };
}
/** The queue's rows, or why it could not be read when Qovery answered that it cannot be (see QUEUE_NOT_AVAILABLE). */
async function queueOrWhy(read) {
    try {
        return await read;
    }
    catch (error) {
        const refused = error instanceof RequestFailed && error.fault.kind === 'http' && QUEUE_NOT_AVAILABLE.includes(error.fault.status);
        if (refused)
            return { unreadable: `${error.request}: ${describeFault(error.fault)}` };
        throw error;
    }
}
/** A read's value, or why it is not known, in words for the report; it never throws. */
async function knownOrWhy(read) {
    try {
        return { value: await read };
    }
    catch (error) {
        if (error instanceof DeadlineReached)
            return { unknown: 'the timeout ran out before it could be read' };
        if (error instanceof interrupted/* Interrupted */.j)
            return { unknown: `the run was interrupted (${error.signalName}) before it could be read` };
        if (error instanceof RequestFailed)
            return { unknown: `${error.request}: ${describeFault(error.fault)}` };
        return { unknown: error instanceof Error ? error.message : String(error) };
    }
}

;// CONCATENATED MODULE: ./src/flow/flow-context.ts



function flowContext(settings, deadline, deps) {
    const { clock, signal, random, log } = deps;
    let retries = 0;
    const onRetry = () => {
        retries += 1;
    };
    return {
        ...deps,
        settings,
        deadline,
        retries: () => retries,
        onRetry,
        retry: retrying({ clock, signal, random, log, deadline, onRetry })
    };
}
/** Now, as a read's stamp. */
function stamp(context) {
    return { at: context.clock.now(), retries: context.retries() };
}
function environmentContext(context, environmentId) {
    const { api, clock, signal, random, log, settings, deadline, onRetry } = context;
    const reads = environmentReads(environmentId, {
        api,
        clock,
        signal,
        random,
        log,
        onRetry,
        deadline,
        policy: policyFor('first-read', settings.pollIntervalMs),
        pollIntervalMs: settings.pollIntervalMs
    });
    return { ...context, environmentId, reads };
}
/** Writes what the run had to say to the log, a line at a time, when it had something. */
function note(context, lines) {
    if (lines !== undefined)
        for (const line of lines.split('\n'))
            context.log(line);
}

;// CONCATENATED MODULE: ./src/flow/find-target.ts
/**
 * The first phase once the environment is known: read, side by side, the status, the queue, the
 * services' statuses and the deployment history (and, with deployment-request-id, Qovery's lookup
 * of that request), and choose what to cancel. The kind of what runs is taken from its records
 * in the same round trip, so that the cancel still follows one round trip after the first read.
 */





/**
 * Qovery may not know a request for a few seconds after the deploy call answered its id (its
 * Terraform provider waits 5 s before its first check), and its reads may not agree at once: a
 * request nobody knows yet, or reads that disagree, are looked at again for this long (never past
 * the timeout), every poll-interval or more often, so that it is looked at a few times whatever the interval.
 */
const FRESH_REQUEST_GRACE_MS = 10_000;
/**
 * The most the first look waits on its reads that only add (the services' statuses, the history):
 * the status read beside them grows older meanwhile, and the cancel must follow it closely.
 */
const FIRST_LOOK_EXTRAS_MS = 10_000;
const LOOKS_IN_GRACE = 4;
/** Reads and chooses; looks again for a request not known or not shown yet, or when the reads disagree. */
async function findTarget(run, context) {
    const { clock, deadline, settings, log, retry } = context;
    let choice = await look(run, context);
    const graceEnds = Math.min(run.state.startedAt + FRESH_REQUEST_GRACE_MS, deadline);
    const every = Math.min(settings.pollIntervalMs, FRESH_REQUEST_GRACE_MS / LOOKS_IN_GRACE);
    let said;
    while (isNotSettled(choice) && clock.now() + every < graceEnds) {
        // Said once, and again only when what is not seen changes: not one line per look.
        const saying = notSettled(choice);
        if (saying !== said)
            log(`${saying}; looking again every ${formatDuration(every)}, for up to ${formatDuration(graceEnds - clock.now())}`);
        said = saying;
        try {
            await retry.sleep(every);
            choice = await look(run, context);
        }
        catch (error) {
            // The timeout ran out while looking again: what the last look said stands.
            if (!(error instanceof DeadlineReached))
                throw error;
            break;
        }
    }
    return choice;
}
/** One look: the reads side by side, recorded, and the choice they lead to. */
async function look(run, context) {
    const { settings, reads } = context;
    const wanted = settings.deploymentRequestId;
    const retriesBefore = context.retries();
    const answered = answerTime(context);
    const [status, queue, lookup, services, history] = await reads
        .within(Math.min(settings.requestTimeoutMs, FIRST_LOOK_EXTRAS_MS))
        .sideBySide((read) => [
        answered.of(read.status()),
        read.queue(),
        wanted === undefined ? undefined : read.lookUp(wanted),
        read.serviceStatuses(),
        read.history()
    ]);
    note(context, run.statusRead(status, { ...stamp(context), answeredAt: answered.at() }));
    note(context, run.queueRead(queue, context.clock.now()));
    if (wanted !== undefined && lookup !== undefined)
        note(context, run.lookupRead(wanted, lookup, context.clock.now()));
    const sight = {
        status,
        queue: run.state.queue,
        services: find_target_valueOf(services),
        history: find_target_valueOf(history),
        allowed: settings.actions,
        environmentId: context.environmentId,
        ...(wanted === undefined ? {} : { wanted }),
        ...(lookup === undefined ? {} : { lookup })
    };
    // A read retried later than the others answers for a later moment: the running request may
    // have ended and the next one started in between (an old status, a new queue). The decision
    // then rests on a status, and records of what runs, read after every other answer.
    if (context.retries() > retriesBefore) {
        context.log('A read had to be retried: reading the status once more before deciding');
        const again = answerTime(context);
        const [confirmed, servicesAgain, historyAgain] = await reads
            .within(Math.min(settings.requestTimeoutMs, FIRST_LOOK_EXTRAS_MS))
            .sideBySide((read) => [again.of(read.status()), read.serviceStatuses(), read.history()]);
        note(context, run.statusRead(confirmed, { ...stamp(context), answeredAt: again.at() }));
        Object.assign(sight, { status: confirmed, services: find_target_valueOf(servicesAgain), history: find_target_valueOf(historyAgain) });
    }
    const choice = chooseTarget(sight);
    sayKind(context, choice, status.state);
    return choice;
}
/** When one read of several side by side was answered: `of` wraps it, `at` tells (ms on the run's clock). */
function answerTime(context) {
    let at;
    return {
        of: (read) => read.then((value) => {
            at = context.clock.now();
            return value;
        }),
        at: () => at ?? context.clock.now()
    };
}
/** The log says where the kind of what runs came from, and when its state suggested another. */
function sayKind(context, choice, state) {
    const running = 'request' in choice ? choice.request : choice.decision === 'none' || choice.decision === 'unsure' ? choice.passedOver[0] : undefined;
    if (running?.via !== 'environment')
        return;
    const request = running;
    if (request.disagreements !== undefined)
        context.log(`Qovery's records disagree on the running request: ${request.disagreements.join('; ')}`);
    const kind = request.kind;
    if (kind === undefined)
        return;
    const from = kind.source === 'history' ? 'its deployment history entry' : kind.source === 'queue' ? 'its queue row' : 'its services';
    const hint = request.stateHint;
    const differs = hint !== undefined && familyOf(hint) !== familyOf(kind.action);
    context.log(`The running request is a ${kind.action}, as ${from} says${differs ? ` (its state ${state} suggested a ${hint})` : ''}`);
}
function find_target_valueOf(read) {
    return 'value' in read ? read.value : undefined;
}
function isNotSettled(choice) {
    return choice.decision === 'unknown' || choice.decision === 'unlocated' || choice.decision === 'unsure';
}
function notSettled(choice) {
    switch (choice.decision) {
        case 'unlocated':
            return `Qovery reports deployment request ${choice.id} ${choice.state}, but the environment does not show it yet`;
        case 'unknown':
            return `Qovery does not know deployment request ${choice.id} yet`;
        case 'unsure':
            return `Not deciding yet: ${choice.why}${choice.detail === undefined ? '' : ` (${choice.detail})`}`;
        default:
            return '';
    }
}

;// CONCATENATED MODULE: ./src/rules/words.ts

/**
 * `deployment request 7d3c1a52-\u2026 (DELETE, by alice@example.com, from CONSOLE)`: Qovery's name for
 * the unit, its kind as Qovery names it (trigger_action), who triggered it and from where.
 */
function describeRequest(request) {
    return request.id === undefined ? `deployment ${requestParts(request, true)}` : `deployment request ${requestDetails(request)}`;
}
/** `7d3c1a52-\u2026 (DELETE, by alice@example.com, from CONSOLE)`: a request in a list of requests. */
function requestDetails(request) {
    return `${request.id ?? 'not named'} ${requestParts(request, true)}`;
}
/** `deployment request 7d3c1a52-\u2026 (DELETE)`: the request and its kind, where who triggered it was already said. */
function nameRequest(request) {
    const kind = requestParts({ ...(request.id === undefined ? {} : { id: request.id }), ...(request.kind === undefined ? {} : { kind: request.kind }) }, false);
    return `${request.id === undefined ? 'deployment' : `deployment request ${request.id}`}${kind === '' ? '' : ` ${kind}`}`;
}
/** `(DELETE, by alice@example.com, from CONSOLE)`; a kind not known is said only where `always`. */
function requestParts(request, always) {
    const parts = [
        request.kind?.action ?? (always ? 'kind not known' : undefined),
        request.triggeredBy === undefined ? undefined : `by ${request.triggeredBy}`,
        request.origin === undefined ? undefined : `from ${request.origin}`,
        request.id === undefined ? 'Qovery named no request id' : undefined
    ].filter((part) => part !== undefined);
    return parts.length === 0 ? '' : `(${parts.join(', ')})`;
}
/** `Qovery said: "This token cannot deploy this environment."`: Qovery's text, whole, as one quoted sentence. */
function quoteQovery(detail) {
    return `Qovery said: "${asSentence(detail)}"`;
}
/** Lists at most `max` items, then how many more: a long queue must not swell a message. */
function listed(items, separator, max = 20) {
    const more = items.length > max ? `${separator}and ${items.length - max} more` : '';
    return items.slice(0, max).join(separator) + more;
}
/** trigger_action values in plain words; a kind not known, or new to the action, is "a request". */
const KIND_WORDS = {
    DEPLOY: { noun: 'deploy', plural: 'deploys', underway: 'is being deployed' },
    DEPLOY_DRY_RUN: { noun: 'dry-run deploy', plural: 'dry-run deploys', underway: 'runs a dry-run deploy' },
    RESTART: { noun: 'restart', plural: 'restarts', underway: 'is being restarted' },
    STOP: { noun: 'stop', plural: 'stops', underway: 'is being stopped' },
    DELETE: { noun: 'deletion', plural: 'deletions', underway: 'is being deleted' },
    DELETE_RESOURCES_ONLY: { noun: 'deletion of resources', plural: 'deletions of resources', underway: 'has its resources deleted' },
    UNINSTALL: { noun: 'uninstall', plural: 'uninstalls', underway: 'is being uninstalled' },
    TERRAFORM_FORCE_UNLOCK: { noun: 'Terraform force-unlock', plural: 'Terraform force-unlocks', underway: 'runs a Terraform force-unlock' },
    TERRAFORM_MIGRATE_STATE: {
        noun: 'Terraform state migration',
        plural: 'Terraform state migrations',
        underway: 'runs a Terraform state migration'
    }
};
/** The trigger_action values the action has words for. */
const KNOWN_ACTIONS = Object.keys(KIND_WORDS);
const ANY_KIND = { noun: 'request', plural: 'requests of that kind', underway: 'runs a request' };
/** The words for a request's kind (Qovery's trigger_action), given or not. */
function kindWords(kind) {
    return (kind === undefined ? undefined : KIND_WORDS[kind.action.toUpperCase()]) ?? ANY_KIND;
}

;// CONCATENATED MODULE: ./src/flow/request-cancel.ts
/**
 * The phase that asks Qovery to cancel: with queued: cancel, the waiting requests first (so that
 * none of them starts in between), then the targeted request, through the environment while it
 * runs and through the queue while it waits, as Qovery's console does.
 */








/** The least time the lookup sent beside the cancel is given. */
const BESIDE_CANCEL_MS = 2_000;
/**
 * How old a status read may be when the environment cancel leaves on its word (ms since its answer
 * came): older, the running request may have ended and the next one started, which the cancel would hit.
 */
const STATUS_FRESH_MS = 2_000;
/** What a 409 means when Qovery's answer says nothing more (the spec's own description). */
const CONFLICT = 'already cancelled or an operation is in progress';
/** Thrown inside a retried environment cancel: the target is no longer what runs. */
class TargetEnded extends Error {
    constructor() {
        super('the targeted request has ended');
    }
}
/** Thrown inside a retried environment cancel: the target shows CANCELING, the cancel that left is under way. */
class CancelUnderWay extends Error {
    constructor() {
        super('the targeted request is being canceled');
    }
}
/** Sends the cancels; the target's answer decides what follows (a 409 is an answer, not a failure). */
async function requestCancel(run, context) {
    if (context.settings.queued === 'cancel')
        await cancelWaiting(run, context);
    return run.target?.via === 'queue' ? cancelThroughQueue(run, run.target, context) : cancelThroughEnvironment(run, context);
}
/**
 * The environment cancel, with force_cancel as asked; side by side with it, Qovery's lookup of the
 * target, which says whether the id the status named is the request that runs. Its 202 body is
 * not taken as the request's state: it may show a state of the moment before, or after, the cancel
 * takes effect. After a 409, a read says what is under way.
 */
async function cancelThroughEnvironment(run, context) {
    const target = run.chosen;
    const { log, settings, reads } = context;
    log(`Requesting the cancel of the running ${describeRequest(target)} (force_cancel: ${settings.force})`);
    const id = target.id;
    let lookup;
    // The lookup leaves with the first cancel request, not before the reads that may precede it; it
    // only confirms, so it gives up soon (within a poll-interval, 2 s at least) and never holds the wait long.
    const budget = Math.min(settings.requestTimeoutMs, Math.max(settings.pollIntervalMs, BESIDE_CANCEL_MS));
    const lookUp = () => {
        if (id !== undefined)
            lookup ??= reads.within(budget).lookUpNow(id);
    };
    const answer = await sendEnvironmentCancel(run, context, lookUp);
    // Recorded once answered, not waited for here: should the status later show this id in progress
    // after its lookup said it ended, the id does not name what runs.
    const looked = lookup?.then((found) => {
        if (id !== undefined && 'value' in found)
            note(context, run.lookupRead(id, found.value, context.clock.now()));
    });
    const beside = looked === undefined ? {} : { lookup: looked };
    if (answer === 'under way') {
        await looked;
        log(`The ${nameRequest(target)} shows CANCELING: a cancel is under way (the one sent, its answer lost, or another's). It is not sent again, so that no other request is canceled`);
        return { accepted: false, underWay: true };
    }
    if (answer === 'ended') {
        await looked;
        const again = run.state.cancel?.sentAt === undefined ? '' : ' again';
        log(`The ${nameRequest(target)} has ended before the cancel could be sent${again}: it is not sent, so that no other request is canceled`);
        return { accepted: false, targetEnded: true };
    }
    noteAnswer(run, answer, context);
    if (answer.accepted)
        return { accepted: true, ...beside };
    await looked;
    // A 409 may come because the target ended meanwhile: then it is followed to its end, as above.
    const status = await reads.status();
    note(context, run.statusRead(status, stamp(context)));
    return hasEnded(run.chosen, status) ? { accepted: false, targetEnded: true } : { accepted: false };
}
/**
 * The environment cancel under its retry policy; 'ended' when, before a retry, the target was seen
 * to have ended, 'under way' when it was seen CANCELING. `leaving` is told as each cancel request leaves.
 */
async function sendEnvironmentCancel(run, context, leaving) {
    const { api, environmentId, settings, signal } = context;
    let attempts = 0;
    try {
        return await sendCancel(run, context, 'The cancel request', async () => {
            // The environment cancel cancels whatever runs: before a retry, or when the status is no
            // longer fresh (read a while ago, beside slower reads; the waiting requests were canceled
            // since; or a call had to be retried, its wait letting the running request end), make sure
            // the target still is what runs.
            const read = run.state.statusRead;
            const old = read === undefined || context.clock.now() - (read.answeredAt ?? read.at) > STATUS_FRESH_MS;
            const stale = old || run.state.waitingCancels.size > 0 || context.retries() > read.retries;
            if (attempts++ > 0 || stale)
                await stillRunning(run, context);
            const sent = api.cancelDeployment(environmentId, settings.force, signal);
            leaving();
            return sent;
        });
    }
    catch (error) {
        if (error instanceof TargetEnded)
            return 'ended';
        if (error instanceof CancelUnderWay)
            return 'under way';
        throw error;
    }
}
/**
 * Throws TargetEnded when the status shows another request, or the target in a final state; once a
 * cancel may have reached Qovery, CancelUnderWay when it shows the target CANCELING.
 */
async function stillRunning(run, context) {
    const status = await context.reads.status();
    note(context, run.statusRead(status, stamp(context)));
    if (hasEnded(run.chosen, status))
        throw new TargetEnded();
    const shown = shownRequest(status);
    // Only once a cancel may have reached Qovery: a refused connection sent nothing.
    const sent = run.state.cancel?.sentAt !== undefined;
    if (sent && isCanceling(status.state) && (shown === undefined || shown === run.chosen.id))
        throw new CancelUnderWay();
}
/** The status shows another request than the target, or the target in a final state. */
function hasEnded(target, status) {
    const shown = shownRequest(status);
    const another = shown !== undefined && target.id !== undefined && shown !== target.id;
    return another || ((shown === undefined || shown === target.id) && isFinalState(status.state));
}
/** The per-request cancel of the target while it waits its turn (it takes no force_cancel). */
async function cancelThroughQueue(run, target, context) {
    const { api, log, signal } = context;
    log(`Requesting the cancel of the waiting ${describeRequest(target)}`);
    const answer = await sendCancel(run, context, 'The cancel request', () => api.cancelRequest(target.id, signal));
    noteAnswer(run, answer, context);
    return { accepted: answer.accepted };
}
/** queued: cancel. Every waiting request of a kind `actions` allows, side by side; the others are left alone. */
async function cancelWaiting(run, context) {
    const { log, settings } = context;
    const target = run.chosen;
    const others = dedupedQueue(run.state.queue)
        .map(foundWaiting)
        .filter((request) => request.id !== target.id);
    const allowed = others.filter((request) => isAllowed(request.kind, settings.actions));
    const left = others.filter((request) => !isAllowed(request.kind, settings.actions));
    if (left.length > 0)
        run.targetChosen(target, [
            ...run.state.passedOver,
            ...left.filter((request) => !run.state.passedOver.some((known) => known.id === request.id))
        ]);
    for (const request of left)
        log(`Leaving the waiting ${describeRequest(request)} alone: actions: ${actionsValueFor(request.kind)} would cancel it`);
    if (allowed.length === 0)
        return;
    log(`Canceling the ${allowed.length} request${allowed.length > 1 ? 's' : ''} waiting in the queue (queued: cancel)`);
    await Promise.all(allowed.map((request) => cancelOneWaiting(run, request, context)));
}
/**
 * One waiting request's cancel. A 409 may mean it was already canceled (a merged request whose
 * twin's cancel took it along): Qovery's lookup of it says so, or not.
 */
async function cancelOneWaiting(run, request, context) {
    const { api, log, signal, reads } = context;
    const what = describeRequest(request);
    let sent = false;
    let refused;
    const answer = await sendCancel(run, context, `The cancel of the waiting ${what}`, () => api.cancelRequest(request.id, signal), {
        sent: () => (sent = true),
        failed: (error) => {
            if (isRefusal(error.fault))
                refused = describeFault(error.fault);
        }
    }).catch((error) => {
        if (refused !== undefined)
            run.waitingCancelAnswered(request.id, { accepted: false, detail: refused });
        else if (sent)
            run.waitingCancelAnswered(request.id, { accepted: undefined });
        throw error;
    });
    if (answer.accepted) {
        run.waitingCancelAnswered(request.id, { accepted: true });
        return log(`Qovery accepted the cancel of the waiting ${what} (HTTP ${answer.httpStatus})`);
    }
    const detail = answer.detail ?? CONFLICT;
    const lookup = await reads.lookUp(request.id).catch(() => undefined);
    const state = lookup?.found === true ? lookup.state : undefined;
    run.waitingCancelAnswered(request.id, { accepted: false, detail, ...(state === undefined ? {} : { state }) });
    log(`Qovery refused the cancel of the waiting ${what} (409: ${detail})${state === undefined ? '' : `; Qovery reports it ${state}`}`);
}
/**
 * Sends a cancel under its retry policy. By default the target's: when one first reached Qovery (or
 * may have), and each answer that was not an acceptance, go to the run's record of it.
 */
async function sendCancel(run, context, what, call, hooks = targetHooks(run)) {
    const { clock, settings, retry } = context;
    return retry.call(what, policyFor('cancel', settings.pollIntervalMs), async () => {
        const at = clock.now();
        try {
            const answer = await call();
            hooks.sent(at);
            return answer;
        }
        catch (error) {
            if ((error instanceof RequestFailed && mayHaveBeenReceived(error.fault)) || (error instanceof interrupted/* Interrupted */.j && error.duringRequest))
                hooks.sent(at);
            if (error instanceof RequestFailed)
                hooks.failed(error);
            throw error;
        }
    });
}
function targetHooks(run) {
    return {
        sent: (at) => run.cancelSent(at),
        failed: ({ fault }) => {
            if (fault.kind !== 'http' && fault.kind !== 'bad-body')
                return;
            run.cancelAnswered({ lastAnswer: statusLine(fault.status) });
            if (isRefusal(fault))
                run.cancelAnswered({ refusedWith: fault.status });
        }
    };
}
/** An answer that refuses the cancel for good (401, 403, 404, 400...): it was not carried out. */
function isRefusal(fault) {
    return fault.kind === 'http' && fault.status >= 400 && fault.status < 500 && !isTransient(fault);
}
function noteAnswer(run, answer, context) {
    if (answer.accepted) {
        run.cancelAnswered({ acceptedWith: answer.httpStatus });
        context.log(`Qovery accepted the cancel request (HTTP ${answer.httpStatus})`);
    }
    else {
        const conflict = answer.detail ?? CONFLICT;
        run.cancelAnswered({ conflict });
        context.log(`Qovery answered 409 (${conflict}); reading where things stand`);
    }
}

;// CONCATENATED MODULE: ./src/flow/follow-request.ts
/**
 * The phase that waits: a read every poll-interval until the targeted request has ended, and what
 * the records naming it say of how. A request that runs is followed in the environment's status
 * while the status names it (by its id or its execution); once the status shows another request,
 * its lookup and its history entry say how it ended. One that waits is followed in its lookup and
 * the queue. When the records disagree, they are read again a few times; if they still disagree,
 * how it ended is not known, and the report says what each said.
 */










/** Rounds of reads given to records that disagree, before their disagreement is the answer. */
const DISAGREEMENT_ROUNDS = 3;
/**
 * Follows the target until it has ended, then records how; the deadline or a signal stops it by
 * throwing. After `answer.targetEnded`, the read after the cancel's answer showed it ended (a 409
 * because it ended meanwhile, or a cancel not sent again for that reason). The lookup sent beside
 * the cancel is recorded before the first decision.
 */
async function followRequest(run, context, answer) {
    const { log, settings } = context;
    log(`Waiting for ${nameRequest(run.chosen)} to end: a read every ${formatDuration(settings.pollIntervalMs)}, for at most ${formatDuration(settings.timeoutMs)} from the start`);
    const since = run.state.statusRead?.at;
    let fate = answer.targetEnded === true && since !== undefined ? await settle(run, context, since) : undefined;
    // Until a read of the wait is timed, the cancel's round trip tells how long one takes.
    const pace = new Pace(context, context.clock.now() - (run.state.cancel?.sentAt ?? context.clock.now()));
    while (fate === undefined) {
        await pace.sleep();
        await answer.lookup;
        fate = run.chosen.via === 'queue' ? await followWaiting(run, context) : await followRunning(run, context, pace);
    }
    run.targetEnded(fate, context.clock.now());
}
/**
 * Paces the reads while waiting: one every poll-interval, never sooner; and the last one before
 * the deadline as late as it can be, so that a request that ended in the last interval is seen to
 * have ended rather than timed out. The margin before the deadline is what a read took lately,
 * twice, within 100 ms and 1 s.
 */
class Pace {
    #readMs;
    #context;
    /** `readMs`: how long a read takes, until one is timed (ms). */
    constructor(context, readMs) {
        this.#context = context;
        this.#readMs = readMs;
    }
    async sleep() {
        const { clock, deadline, retry, settings } = this.#context;
        const every = settings.pollIntervalMs;
        const lastChance = deadline - Math.min(1000, Math.max(100, 2 * this.#readMs));
        const now = clock.now();
        // When the read after next would come too late, the next one is the last: it waits until the last chance.
        const last = now + every <= lastChance && now + 2 * every > lastChance;
        await retry.sleep(last ? lastChance - now : every);
    }
    /** Times a read, for the margin. */
    async timed(read) {
        const started = this.#context.clock.now();
        try {
            return await read();
        }
        finally {
            this.#readMs = this.#context.clock.now() - started;
        }
    }
}
/** One status read for a request that runs, and, when it says the request may have ended, what its records say. */
async function followRunning(run, context, pace) {
    const policy = policyFor('poll', context.settings.pollIntervalMs);
    const at = context.clock.now();
    const status = await pace.timed(() => context.reads.status(policy));
    note(context, run.statusRead(status, stamp(context)));
    const round = run.chosen.said.filter((testimony) => testimony.at >= at);
    if (round.length > 0) {
        // The status speaks of the target: a status that names it (its request, or without one its
        // execution) is taken at its word unless it disagrees with itself; one that names neither says
        // it ended only with the target's own records beside it.
        const verdict = judge(round);
        if (verdict.verdict === 'in progress')
            return undefined;
        if (verdict.verdict === 'ended' && namesTarget(run, status))
            return verdict.fate;
        return settle(run, context, at);
    }
    const reached = reachedNext(run);
    if (reached === undefined)
        return settle(run, context, at);
    // The target had ended before the cancel took effect: how, from its records; then the request
    // reached is followed, unless deployment-request-id asked for the target alone: its end is then the run's.
    const missed = (await settle(run, context, at)) ?? noRecord('it had left the status when the next request showed CANCELING');
    if (context.settings.deploymentRequestId !== undefined) {
        note(context, run.cancelReachedOther(reached, context.clock.now()));
        return missed;
    }
    note(context, run.cancelReached(reached, missed, context.clock.now()));
    return undefined;
}
/** The status names the target: by its request id when that is known, else by its execution. */
function namesTarget(run, status) {
    const target = run.chosen;
    const { byId, byExecution } = statusNaming(status, target.via === 'environment' ? target : { id: target.id });
    return target.id !== undefined ? byId === true : byExecution === true;
}
/**
 * The target may have ended: the status says it ended, or shows another request. What the records
 * naming it say decides; they are read again while they disagree, a few rounds at most.
 */
async function settle(run, context, since) {
    let from = since;
    for (let round = 0;; round++) {
        const said = await follow_request_confirm(run, context, from);
        if (said.length === 0)
            return noRecord("it left the environment's status, and neither its lookup nor its history entry says how it ended");
        const verdict = judge(said);
        if (verdict.verdict === 'ended')
            return verdict.fate;
        if (verdict.verdict === 'in progress')
            return undefined;
        if (round + 1 >= DISAGREEMENT_ROUNDS || !roomFor(context))
            return disagreement(said);
        context.log(`Qovery's records of the ${nameRequest(run.chosen)} disagree; reading them again`);
        await context.retry.sleep(context.settings.pollIntervalMs);
        from = context.clock.now();
        note(context, run.statusRead(await context.reads.status(), stamp(context)));
    }
}
/**
 * The testimonies of this round: those read since `from` (the status), with, beside them, the
 * target's lookup (when its id is known) and its history entry (when its execution is), read now.
 * Should the timeout run out first, what was read stands.
 */
async function follow_request_confirm(run, context, from) {
    const target = run.chosen;
    const id = target.id;
    const executionId = target.via === 'environment' ? target.executionId : undefined;
    try {
        const [lookup, history] = await context.reads
            .within(context.settings.requestTimeoutMs)
            .sideBySide((read) => [id === undefined ? undefined : read.lookUpNow(id), executionId === undefined ? undefined : read.history()]);
        const at = context.clock.now();
        if (id !== undefined && lookup !== undefined && 'value' in lookup)
            note(context, run.lookupRead(id, lookup.value, at));
        if (history !== undefined && 'value' in history)
            run.historyRead(history.value, findDeployment(history.value, executionId), at);
    }
    catch (error) {
        if (!(error instanceof DeadlineReached))
            throw error;
    }
    return run.chosen.said.filter((testimony) => testimony.at >= from);
}
/** Whether a round of reads still fits before the deadline. */
function roomFor(context) {
    return context.clock.now() + context.settings.pollIntervalMs < context.deadline;
}
/**
 * After an accepted environment cancel, a request other than the target that shows first as
 * CANCELING was reached by that cancel: the target had ended before the cancel took effect, and
 * the next request had started. Its id, when so; it is then followed and reported as the request
 * the cancel reached, never as one that started next.
 */
function reachedNext(run) {
    const { status, cancel, seenRunning, timeline } = run.state;
    const target = run.chosen;
    if (status === undefined || cancel?.acceptedWith === undefined || target.via !== 'environment' || target.sawCanceling)
        return undefined;
    const shown = shownRequest(status);
    if (shown === undefined || shown === target.id || !isCanceling(status.state) || seenRunning.has(shown))
        return undefined;
    const seenOtherwise = timeline.some((sighting) => sighting.request === shown && !isCanceling(sighting.state));
    return seenOtherwise ? undefined : shown;
}
/**
 * One round for a request that waited: its lookup decides when it says the request ended; else
 * the status and the queue say whether it still waits, started (then it is canceled where it now
 * runs), or left the queue after its cancel was accepted.
 */
async function followWaiting(run, context) {
    const { clock, reads } = context;
    const policy = policyFor('poll', context.settings.pollIntervalMs);
    const target = run.chosen;
    if (target.via !== 'queue')
        return undefined;
    const id = target.id;
    const from = clock.now();
    note(context, run.lookupRead(id, await reads.lookUp(id, policy), clock.now()));
    const lookupSays = run.chosen.said.filter((testimony) => testimony.at >= from);
    if (lookupSays.length > 0 && judge(lookupSays).verdict === 'ended')
        return judgeWaiting(run, context, from);
    const [status, queue] = await reads.sideBySide((read) => [read.status(policy), read.queue(policy)]);
    note(context, run.statusRead(status, stamp(context)));
    note(context, run.queueRead(queue, clock.now()));
    if (run.state.queue?.some((row) => row.id === id))
        return undefined;
    if (shownRequest(status) === id && isRunningState(status.state))
        return startedDespiteCancel(run, context);
    if (run.state.queue !== undefined && run.state.cancel?.acceptedWith !== undefined)
        run.leftQueue(clock.now());
    return judgeWaiting(run, context, from);
}
/** The verdict of a waiting request's records read since `from`; a lookup that still says it waits, while the queue no longer lists it, is read again. */
async function judgeWaiting(run, context, from) {
    const said = run.chosen.said.filter((testimony) => testimony.at >= from);
    const verdict = judge(said);
    if (verdict.verdict === 'ended')
        return verdict.fate;
    if (verdict.verdict === 'disagree')
        return disagreementAfterRounds(run, context, said);
    if (said.some((testimony) => testimony.source === 'lookup' && !isQueuedState(testimony.state)))
        return undefined;
    return said.length === 0 ? noRecord("it left the queue, and Qovery's lookup does not know it") : undefined;
}
/** A waiting request's records disagree: counted in rounds of the wait itself; after a few, the disagreement is the answer. */
function disagreementAfterRounds(run, context, said) {
    const disagreements = run.chosen.said.filter((testimony) => testimony.source === 'queue').length;
    if (disagreements < DISAGREEMENT_ROUNDS && roomFor(context)) {
        context.log(`Qovery's records of the ${nameRequest(run.chosen)} disagree; reading them again`);
        return undefined;
    }
    return disagreement(said);
}
/** The waiting request started before its cancel took: cancel it where it now runs. */
async function startedDespiteCancel(run, context) {
    context.log(`The ${nameRequest(run.chosen)} started before its cancel took effect; canceling it through the environment`);
    run.targetStarted();
    await cancelThroughEnvironment(run, context);
    return undefined;
}

;// CONCATENATED MODULE: ./src/rules/name-matching.ts

/** How many existing names an error lists before it says how many more there are. */
const LISTED_NAMES = 20;
/**
 * Finds what the user named among what the API lists. A UUID is an id at that level; a name
 * matches as Qovery documents names: case-insensitively, surrounding blanks ignored.
 * `where` says where the list comes from, for messages ("in project shop").
 */
function matchNamed(level, wanted, items, where) {
    const byId = UUID.test(wanted.trim());
    const key = normalize(wanted);
    const found = items.filter((item) => (byId ? item.id.toLowerCase() === key : normalize(item.name) === key));
    if (found.length === 1)
        return { found: found[0] };
    const plural = `${level === 'organization' ? 'organizations' : `${level}s`}`;
    if (found.length > 1) {
        const candidates = found.map((item) => `"${item.name}" (${item.id})`).join(', ');
        return { problem: `${found.length} ${plural} ${where} are named "${wanted.trim()}": ${candidates}. Give the ${level} by id instead.` };
    }
    const what = byId ? `with id ${wanted.trim()}` : `named "${wanted.trim()}"`;
    if (items.length === 0) {
        const none = level === 'organization' ? 'the token sees no organization at all' : `the token sees no ${level} in it`;
        return { problem: `No ${level} ${what} ${where}: ${none}.` };
    }
    const names = items
        .slice(0, LISTED_NAMES)
        .map((item) => `"${item.name}"`)
        .join(', ');
    const more = items.length > LISTED_NAMES ? ` and ${items.length - LISTED_NAMES} more` : '';
    return { problem: `No ${level} ${what} ${where}. The ${plural} there are: ${names}${more}.` };
}
function normalize(text) {
    return text.trim().toLowerCase();
}

;// CONCATENATED MODULE: ./src/flow/resolve-environment.ts


/** A name matched nothing, or more than one thing. */
class ResolutionFailed extends Error {
    level;
    constructor(level, message) {
        super(message);
        this.name = 'ResolutionFailed';
        this.level = level;
    }
}
/** Walks organization, project, environment through the list endpoints, one level at a time. */
async function resolveEnvironment(names, api, retry, policy, signal) {
    const pick = (level, items, where) => {
        const match = matchNamed(level, names[level], items, where);
        if ('problem' in match)
            throw new ResolutionFailed(level, match.problem);
        return match.found;
    };
    const organization = pick('organization', await retry.call('Listing the organizations', policy, () => api.listOrganizations(signal)), 'visible to the token');
    const projects = await retry.call(`Listing the projects of ${organization.name}`, policy, () => api.listProjects(organization.id, signal));
    const project = pick('project', projects, `in organization "${organization.name}"`);
    const environments = await retry.call(`Listing the environments of ${project.name}`, policy, () => api.listEnvironments(project.id, signal));
    const environment = pick('environment', environments, `in project "${project.name}"`);
    return { organization, project, environment };
}

;// CONCATENATED MODULE: ./src/flow/run-failure.ts
/**
 * Why a run stopped before its end: the words of failed, timed-out and interrupted, in sentences a
 * user can act on, and for a failure its cause as data (FailureCause), for the headline. Qovery's
 * own words come first; a likely cause is named only as likely, and only where Qovery gave none.
 */









/** How a run that stopped on an error ended: interrupted, timed out or failed, and why. */
function stoppedBy(error, run, context) {
    if (error instanceof interrupted/* Interrupted */.j || context.interruption !== undefined) {
        const name = context.interruption instanceof interrupted/* Interrupted */.j
            ? context.interruption.signalName
            : error instanceof interrupted/* Interrupted */.j
                ? error.signalName
                : 'an abort';
        // The state the headline tells too: the targeted request's last, else the environment's.
        const last = run.target?.lastState ?? run.status?.state;
        const seen = last === undefined
            ? ''
            : `; ${run.target?.lastState === undefined ? 'the environment' : `the ${kindWords(run.target.kind).noun}`} was last seen ${stateWords(last)}`;
        return {
            outcome: 'interrupted',
            reason: `The action was interrupted by ${name} (the workflow run was cancelled)${seen}.${cancelSent(run, true)}`
        };
    }
    if (error instanceof DeadlineReached)
        return { outcome: 'timed-out', reason: timedOut(error, run, context.timeoutMs) };
    const { reason, cause } = explain(error, run, context.apiUrl);
    const refused = cause.kind === 'cancel-refused';
    return { outcome: 'failed', reason: `${reason}${refused ? '' : cancelSent(run)}`, cause };
}
/**
 * Something runs or waits whose kind no record of it gives (or its records disagree): with
 * `actions` short of all, canceling it could cancel a kind the user did not allow, so nothing was sent.
 */
function unsureRequest(why, actions) {
    return {
        reason: `Nothing was canceled: ${why}. With actions: ${describeAllowed(actions)}, the action cancels only a request whose kind Qovery's records confirm. Run it again in a moment, or use actions: all to cancel whatever runs.`,
        cause: { kind: 'records-unclear' }
    };
}
/**
 * The environment cancel reached the request that started as the target ended, and `actions` does
 * not cancel its kind: the action could not keep the cancel from it (Qovery's environment cancel
 * stops whatever runs when it arrives), and says so as a failure. Undefined when the cancel reached
 * no other request, or one of a kind allowed, or of a kind no record gave (the warning says so).
 */
function reachedDisallowed(run, actions) {
    const { missed, target } = run;
    if (missed === undefined || target?.kind === undefined || isAllowed(target.kind, actions))
        return undefined;
    const first = missed.fate?.state === undefined ? 'how is not known' : stateWords(missed.fate.state);
    const end = target.fate?.state === undefined ? '' : ` It ended ${stateWords(target.fate.state)}.`;
    return {
        reason: `The cancel reached ${describeRequest(target)}, not the ${kindWords(missed.kind).noun} first targeted: that one had ended (${first}) as the cancel arrived, and Qovery's environment cancel stops whatever runs then. actions: ${describeAllowed(actions)} does not cancel a ${kindWords(target.kind).noun}, and the action could not keep the cancel from it.${end}`,
        cause: { kind: 'reached-disallowed', action: target.kind.action }
    };
}
/** The request asked for is known to nobody, after looking for it as long as a fresh request may take to show. */
function unknownRequest(id, environmentId, lookedForMs, detail) {
    return {
        reason: `Qovery knows no deployment request by the id given in deployment-request-id: it is neither running nor waiting in the environment, and its lookup does not know it${detail === undefined ? '' : ` (${detail})`}, ${formatDuration(lookedForMs)} after the start. Check deployment-request-id. Nothing was canceled.`,
        cause: { kind: 'request-unknown', id, environmentId }
    };
}
/** Qovery's lookup places the request asked for in another environment than the one asked for. */
function requestElsewhere(id, state, theirs, ours) {
    return {
        reason: `Qovery reports the deployment request given in deployment-request-id ${stateWords(state)} in another environment than the one asked for. Check deployment-request-id and environment-id: they must name the same environment. Nothing was canceled.`,
        cause: { kind: 'request-elsewhere', id, environmentId: ours, otherEnvironmentId: theirs }
    };
}
/**
 * Qovery knows the request asked for in progress, but the environment never showed it: not
 * running, and not in the queue, or in a queue that could not be read (`queueUnreadable`, why).
 */
function unlocatedRequest(id, state, environmentId, lookedForMs, queueUnreadable) {
    const cause = { kind: 'request-unlocated', id, environmentId };
    const reported = `Qovery reports the deployment request given in deployment-request-id ${stateWords(state)}, but for ${formatDuration(lookedForMs)}`;
    if (queueUnreadable !== undefined)
        return {
            reason: `${reported} it was not running in the environment, and the environment's deployment queue could not be read (${queueUnreadable}): the action cannot see where it waits, nor what kind of request it is. Nothing was canceled. Give the token the right to read the deployment queue, or cancel the request in Qovery's console.`,
            cause
        };
    return {
        reason: `${reported} it was neither running nor waiting in the environment's queue. Nothing was canceled, so that no other request is touched.`,
        cause
    };
}
/** A failure the action does not expect, such as a bug: its message, as it is. */
function unexpected(message) {
    return { reason: `Unexpected error: ${message}`, cause: { kind: 'unexpected' } };
}
function timedOut(error, run, timeoutMs) {
    const fault = error.lastFault ? `; the last request failed with ${describeFault(error.lastFault)}` : '';
    if (run.phase === 'wait') {
        const state = run.target?.lastState ?? run.status?.state;
        return `Timed out after ${formatDuration(timeoutMs)} while the ${kindWords(run.target?.kind).noun} was still ${state === undefined ? 'in progress' : stateWords(state)}${fault}.`;
    }
    // on-timeout holds wherever the timeout runs out: the outcome says timed-out, the reason where.
    const step = {
        resolve: 'the environment was found',
        'before-cancel': 'the status and the queue could be read',
        cancel: 'Qovery answered the cancel request',
        wait: '',
        after: ''
    }[run.phase];
    return `Timed out after ${formatDuration(timeoutMs)}, before ${step}${fault}.${cancelSent(run, true)}`;
}
/**
 * What became of the cancel: accepted, sent and never confirmed (no answer, or only failures),
 * or (when `sayNone`, for a run stopped by its deadline or a signal) none sent. "Sent" only of a
 * request that may have reached Qovery: a refused connection sends nothing.
 */
function cancelSent(run, sayNone = false) {
    const cancel = run.cancel;
    if (cancel?.sentAt === undefined)
        return sayNone && run.waitingCancels.size === 0 ? ' No cancel request was sent.' : '';
    const at = `${new Date(cancel.sentAt).toISOString().slice(11, 19)}Z`;
    if (cancel.acceptedWith !== undefined)
        return ` Qovery had accepted the cancel request sent at ${at}.`;
    if (cancel.conflict !== undefined || cancel.refusedWith !== undefined)
        return '';
    return ` A cancel request was sent at ${at}, and Qovery never confirmed it: it may have been carried out.`;
}
/** Qovery answered the cancel with an error: it was refused, not under way. */
function refusedCancel(error) {
    return error.request.startsWith('POST ') && error.fault.kind === 'http';
}
/** A failure as sentences a user can act on, and its cause. */
function explain(error, run, apiUrl) {
    if (error instanceof ResolutionFailed) {
        const several = / are named /.test(error.message);
        return { reason: `${error.message} No cancel was sent.`, cause: { kind: 'name-not-matched', level: error.level, several } };
    }
    if (error instanceof RetriesExhausted) {
        return {
            reason: `${error.message}. Giving up${run.phase === 'wait' ? ' waiting' : ''}; the Qovery API or the network in between seems to be failing.`,
            cause: { kind: 'api-failing' }
        };
    }
    if (error instanceof RequestFailed)
        return refusedCancel(error) ? explainRefusal(error, run) : explainRead(error, run, apiUrl);
    return unexpected(error instanceof Error ? error.message : String(error));
}
/**
 * Qovery refused the cancel: its words first; a likely cause only where it gave none. Nothing
 * was canceled, unless cancels of waiting requests went out before (queued: cancel).
 */
function explainRefusal(error, run) {
    const fault = error.fault;
    const said = fault.detail ? ` ${quoteQovery(fault.detail)}` : '';
    const likely = fault.status === 401
        ? ' Qovery did not accept the token. Check that the token input holds a valid, unexpired Qovery API token or JWT.'
        : fault.status === 403 && !fault.detail
            ? ' A 403 without a reason usually means the token lacks the right to deploy this environment, which a cancel needs.'
            : '';
    const others = [...run.waitingCancels.values()].some((answer) => answer.accepted !== false);
    const canceled = others
        ? ' The targeted request was not canceled; cancels of waiting requests had been sent before.'
        : ' Nothing was canceled.';
    return {
        reason: `Qovery refused the cancel request (${describeFault({ kind: 'http', status: fault.status })}).${said}${likely}${canceled}`,
        cause: { kind: 'cancel-refused', status: fault.status, ...(fault.detail ? { detail: fault.detail } : {}) }
    };
}
/** A read failed for good: what was asked, Qovery's words, and what to check. */
function explainRead(error, run, apiUrl) {
    const { fault } = error;
    const said = fault.kind === 'http' && fault.detail ? ` ${quoteQovery(fault.detail)}` : '';
    const on = `HTTP ${fault.kind === 'http' ? fault.status : ''} when ${callWords(error.request)}`;
    if (fault.kind === 'http' && fault.status === 401)
        return {
            reason: `Qovery did not accept the token (${on}).${said} Check that the token input holds a valid, unexpired Qovery API token or JWT.`,
            cause: { kind: 'token-rejected' }
        };
    if (fault.kind === 'http' && fault.status === 403)
        return {
            reason: `Qovery refused the token access (${on}).${said || " A 403 without a reason usually means the token's role may not read this environment."}`,
            cause: { kind: 'read-forbidden' }
        };
    if (fault.kind === 'http' && fault.status === 404)
        return explainNotFound(error, run, apiUrl);
    if (fault.kind === 'network' && fault.code === 'ENOTFOUND') {
        // Through a proxy, the host that could not be resolved may be the proxy's, not the API's.
        const host = /ENOTFOUND (\S+)/.exec(fault.message)?.[1];
        const proxy = host !== undefined && host !== apiUrl.hostname
            ? `, or the proxy variables (HTTPS_PROXY, HTTP_PROXY): ${host} is not api-url's host`
            : '';
        return {
            reason: `${capitalize(callWords(error.request))} failed: the host could not be resolved (${fault.message}). Check api-url${proxy}.`,
            cause: { kind: 'unreachable', code: fault.code }
        };
    }
    if (fault.kind === 'network')
        return { reason: `${error.message}.`, cause: { kind: 'unreachable', code: fault.code } };
    if (fault.kind === 'too-large')
        return {
            reason: `${error.message}. Check api-url and the proxy variables (HTTPS_PROXY, HTTP_PROXY).`,
            cause: { kind: 'answer-too-large', part: fault.part }
        };
    // A redirect is not followed: it would carry the token to wherever it points.
    if (fault.kind === 'http' && fault.status >= 300 && fault.status < 400)
        return {
            reason: `${error.message}. The action does not follow redirects, which would carry the token elsewhere: check api-url (${apiUrl.href}), which must be the API's own address (Qovery's: https://api.qovery.com).`,
            cause: { kind: 'api-error', status: fault.status }
        };
    return {
        reason: `${error.message}.`,
        cause: { kind: 'api-error', ...(fault.kind === 'http' || fault.kind === 'bad-body' ? { status: fault.status } : {}) }
    };
}
/**
 * 404 on a read. Before the cancel was accepted: the environment asked for (or api-url's path) is
 * wrong. After: it worked a moment before, so the environment or the request is gone.
 */
function explainNotFound(error, run, apiUrl) {
    const fault = error.fault;
    const said = fault.detail ? ` ${quoteQovery(fault.detail)}` : '';
    const on = `HTTP 404 when ${callWords(error.request)}`;
    if (run.cancel?.acceptedWith !== undefined)
        return {
            reason: `Qovery had accepted the cancel, then answered not found (${on}).${said} The environment or the request is gone: most likely deleted meanwhile. Whether the cancel took effect first is not known.`,
            cause: { kind: 'not-found', afterAccepted: true }
        };
    // A wrong path prefix in api-url answers 404 too, with no word from Qovery.
    const prefix = apiUrl.pathname !== '/' || fault.detail === undefined
        ? ` Check api-url too (${apiUrl.href}): a wrong path prefix answers 404 as well.`
        : '';
    const reason = run.environmentId === undefined
        ? `Not found (${on}) while looking the environment up.${said}${prefix}`
        : `The environment was not found (${on}).${said} Check environment-id, and that the token belongs to the environment's organization.${prefix}`;
    return { reason, cause: { kind: 'not-found', afterAccepted: false } };
}
/** The API calls the action makes, in words, by the path's end (`GET /environment/<id>/status`). */
const CALLS = [
    [/^POST .*\/deploymentQueue\/[^/]+\/cancelDeployment$/, 'canceling a waiting request'],
    [/^POST .*\/cancelDeployment$/, 'requesting the cancel'],
    [/\/status$/, "reading the environment's status"],
    [/\/statuses$/, "reading the services' states"],
    [/\/deploymentQueue$/, 'reading the deployment queue'],
    [/\/deploymentStatus$/, 'looking the request up'],
    [/\/deploymentHistoryV2$/, 'reading the deployment history'],
    [/\/organization$/, 'listing the organizations'],
    [/\/project$/, 'listing the projects'],
    [/\/environment$/, 'listing the environments'],
    [/\/environment\/[^/]+$/, 'reading the environment']
];
/** `reading the environment's status`: what a request was for; the request itself when it is not one of the above. */
function callWords(request) {
    return CALLS.find(([pattern]) => pattern.test(request))?.[1] ?? `calling ${request}`;
}

;// CONCATENATED MODULE: ./src/rules/timeline.ts

/**
 * Sightings kept: a state that flaps for an hour must not grow the log and the summary without
 * bound (GitHub takes at most 1 MiB of summary). The first is kept, the oldest after it go.
 */
const MAX_TIMELINE = 100;
/** The last sighting of a request (or, for undefined, of the status that names none). */
function lastSighting(timeline, request) {
    return timeline.findLast((sighting) => sighting.request === request);
}
/**
 * Adds a sighting, unless its request was last seen in the same state (the status's and a lookup's
 * sightings interleave). Returns the log line for it, or undefined when nothing changed.
 */
function addSighting(seen, sighting) {
    const { state, request, at, source } = sighting;
    const previous = lastSighting(seen.timeline, request);
    if (previous?.state === state)
        return undefined;
    const shownBefore = source === 'status' ? seen.timeline.findLast((earlier) => earlier.source === 'status') : undefined;
    // The status's request id is optional: one that names none, in the state last shown, changes nothing.
    if (request === undefined && shownBefore?.state === state)
        return undefined;
    seen.timeline.push(sighting);
    if (seen.timeline.length > MAX_TIMELINE) {
        seen.timeline.splice(1, 1);
        seen.timelineDropped += 1;
    }
    // The status's change is told from what was last seen of the environment: its last status, or
    // a lookup of the same request since (CANCELING seen by the lookup, then CANCELED by the status).
    const from = source === 'status'
        ? seen.timeline.findLast((earlier) => earlier !== sighting && (earlier.source === 'status' || (request !== undefined && earlier.request === request)))
        : previous;
    const change = from === undefined ? state : `${from.state} -> ${state} (after ${formatDuration(at - from.at)})`;
    const what = source === 'status' ? 'Environment state' : `Deployment request ${request}`;
    const owner = source === 'status' && request !== undefined && request !== shownBefore?.request ? ` [request ${request}]` : '';
    return `[${new Date(at).toISOString().slice(11, 19)}Z] ${what}: ${change}${owner}`;
}

;// CONCATENATED MODULE: ./src/flow/run.ts





class Run {
    #s;
    constructor(startedAt) {
        this.#s = {
            startedAt,
            phase: 'resolve',
            timeline: [],
            timelineDropped: 0,
            queueReadAfterCancel: false,
            seenRunning: new Set(),
            seenWaiting: new Map(),
            pairs: [],
            laterExecutions: new Set(),
            passedOver: [],
            waitingCancels: new Map(),
            canceledRequests: [],
            doubts: [],
            apiCalls: 0
        };
    }
    /** The state so far, read-only. */
    get state() {
        return this.#s;
    }
    /** The targeted request, once chosen. */
    get target() {
        return this.#s.target;
    }
    /** The targeted request, for the phases after the choice; a phase that calls it earlier is a bug, and throws. */
    get chosen() {
        return this.#need();
    }
    enter(phase) {
        this.#s.phase = phase;
    }
    environmentFound(environmentId, resolved) {
        this.#s.environmentId = environmentId;
        if (resolved !== undefined) {
            this.#s.resolved = resolved;
            const { organization, project, environment } = resolved;
            this.#s.environment = {
                value: { id: environment.id, name: environment.name, organizationId: organization.id, projectId: project.id }
            };
        }
    }
    environmentRead(details) {
        if (this.#s.resolved === undefined)
            this.#s.environment = details;
    }
    /**
     * A status read: kept as the last one, its state added to the timeline under the request it
     * belongs to, and, when it speaks of the target, to what the target's records said.
     */
    statusRead(status, read) {
        const s = this.#s;
        s.status = status;
        s.statusRead = read;
        if (s.statusOfOther === undefined && (s.environmentId === undefined || !sameId(status.id, s.environmentId)))
            s.statusOfOther = status.id;
        const shown = shownRequest(status);
        const execution = shownExecution(status);
        if (shown !== undefined && execution !== undefined && !s.pairs.some(([id, ex]) => id === shown && ex === execution))
            s.pairs = [...s.pairs, [shown, execution]];
        if (s.phase === 'before-cancel' && shown !== undefined && isRunningState(status.state))
            s.seenRunning = new Set([...s.seenRunning, shown]);
        const about = this.#aboutTarget(status);
        if (about)
            this.#adoptExecution(execution);
        this.#noteLater(execution);
        const doubt = about ? this.#shownAfterItEnded(status) : undefined;
        if (about)
            this.#heard(this.#statusSays(status, read.at), status.state);
        if (s.reachedOther !== undefined && shown === s.reachedOther.id)
            s.reachedOther = { ...s.reachedOther, lastState: status.state };
        const owner = about ? s.target?.id : stateOwner(s, status);
        const line = this.#sight({ state: status.state, at: read.at, source: 'status', ...(owner === undefined ? {} : { request: owner }) });
        return doubt === undefined ? line : [line, this.targetIdDisputed(doubt)].filter((part) => part !== undefined).join('\n');
    }
    /**
     * A status that shows the target's id in progress after one of its records said it had ended: a
     * request does not run again once ended, so the status's id does not name the request that runs
     * (it may name the last request that ended). The id is then not taken; its execution still is.
     */
    #shownAfterItEnded(status) {
        const target = this.#need();
        const id = target.id;
        if (id === undefined || isFinalState(status.state) || shownRequest(status) !== id)
            return undefined;
        // CANCELING after CANCELED is the status lagging behind the cancel, not another request.
        const ended = target.said.find((testimony) => testimony.source !== 'status' && isFinalState(testimony.state) && !(isCanceled(testimony.state) && isCanceling(status.state)));
        return ended === undefined
            ? undefined
            : `deployment request ${id} as the running one: Qovery's ${ended.source === 'lookup' ? 'lookup' : ended.source} said it ended ${ended.state}, and the status then showed it ${status.state}`;
    }
    /** The queue as read (each request once); when it could not be read, what waits is not known, not empty. */
    queueRead(queue, at) {
        const s = this.#s;
        if (!Array.isArray(queue)) {
            const first = s.queueUnreadable === undefined;
            s.queueUnreadable = queue.unreadable;
            s.queue = undefined;
            return first
                ? `The deployment queue could not be read (${s.queueUnreadable}); going on without it: requests waiting in it are not known`
                : undefined;
        }
        const seen = new Set();
        s.queue = queue.filter((row) => !seen.has(row.id) && (seen.add(row.id), true));
        s.queueReadAt = at;
        s.queueReadAfterCancel = s.cancel !== undefined;
        s.seenWaiting = new Map([...s.seenWaiting, ...s.queue.map((row) => [row.id, row])]);
        return undefined;
    }
    /** A lookup of one request: its state to the timeline, and to what the target's records said when it is the target. */
    lookupRead(id, lookup, at) {
        if (!lookup.found)
            return undefined;
        if (this.#s.target?.id === id)
            this.#heard([{ source: 'lookup', state: lookup.state, at }], lookup.state);
        return this.#sight({ state: lookup.state, at, source: 'lookup', request: id });
    }
    /**
     * The deployment history as read to judge how the target ended, and what the target's entry in it
     * says of its state (`entry`, when it has one).
     */
    historyRead(history, entry, at) {
        this.#s.history = { entries: history, at };
        if (entry !== undefined)
            this.#heard([{ source: 'history', state: entry.state, at }]);
    }
    /** Its accepted per-request cancel, and a queue read after it without it: the waiting target left the queue without running. */
    leftQueue(at) {
        this.#heard([{ source: 'queue', state: 'CANCELED', at }]);
    }
    /** What the action chose to cancel, and what it passed over. */
    targetChosen(request, passedOver) {
        const state = request.via === 'environment' ? this.#s.status?.state : undefined;
        this.#s.target = { ...request, sawCanceling: false, said: [], ...(state === undefined ? {} : { lastState: state }) };
        this.#s.passedOver = passedOver;
        // Records that disagreed on who runs: the status's id is not taken at its word for what follows.
        if (request.via === 'environment' && request.disagreements !== undefined)
            this.#s.doubts = [...this.#s.doubts, ...request.disagreements];
    }
    /** Nothing was chosen: what ran or waited was passed over. */
    nothingChosen(passedOver) {
        this.#s.passedOver = passedOver;
    }
    /** With deployment-request-id: the request had already ended (as far as its records say), and nothing is sent. */
    endedBefore(id, fate) {
        this.#s.target = { id, via: 'environment', sawCanceling: false, said: fate.said ?? [], alreadyEnded: fate, fate };
    }
    /** A waiting target started before its cancel took: it is now canceled through the environment. */
    targetStarted() {
        const target = this.#need();
        if (target.via === 'queue')
            this.#s.target = { ...target, via: 'environment' };
    }
    /** The target's id turned out not to name what runs (a lookup or the services said otherwise): it is no longer claimed. */
    targetIdDisputed(doubt) {
        const target = this.#need();
        if (target.via === 'environment') {
            const { id: _dropped, ...rest } = target;
            this.#s.target = rest;
        }
        this.#s.doubts = [...this.#s.doubts, doubt];
        return `Not taking ${doubt}: the request is followed by its execution instead`;
    }
    /** A cancel request left, and may have reached Qovery. */
    cancelSent(at) {
        this.#s.cancel = { ...this.#s.cancel, sentAt: this.#s.cancel?.sentAt ?? at };
    }
    /** Qovery's answer to the target's cancel: accepted (2xx), 409 and its words, refused, or the last failing answer. */
    cancelAnswered(answer) {
        this.#s.cancel = { ...this.#s.cancel, ...answer };
    }
    /** queued: cancel: what became of one waiting request's cancel. */
    waitingCancelAnswered(id, answer) {
        this.#s.waitingCancels = new Map([...this.#s.waitingCancels, [id, answer]]);
        if (answer.accepted === false && answer.state !== undefined && answer.state.toUpperCase() === 'CANCELED')
            this.canceledSeen(id);
    }
    /** The target ended so, seen at `at`. */
    targetEnded(fate, at) {
        const target = this.#need();
        this.#s.target = { ...target, fate };
        this.#s.settledAt = at;
        if (fate.state !== undefined && fate.state.toUpperCase() === 'CANCELED' && target.id !== undefined)
            this.canceledSeen(target.id);
    }
    /**
     * The environment cancel reached `id`, the request that started as the target ended: it becomes
     * the target (its kind from the queue row it waited in, when read), and the one missed is kept
     * with how it ended. Returns the log line.
     */
    cancelReached(id, missedFate, at) {
        const missed = { ...this.#need(), fate: missedFate };
        this.#s.missed = missed;
        if (missedFate.state?.toUpperCase() === 'CANCELED' && missed.id !== undefined)
            this.canceledSeen(missed.id);
        this.#s.target = this.#reached(id, at);
        return `The cancel reached deployment request ${id}, which started as the ${nameRequest(missed)} ended${missedFate.state === undefined ? '' : ` ${missedFate.state}`}`;
    }
    /**
     * The environment cancel reached `id`, the request that started as the target ended, when
     * deployment-request-id asked for the target alone: the target stays (its end is told by
     * targetEnded), and the one reached is kept for the report. Returns the log line.
     */
    cancelReachedOther(id, at) {
        this.#s.reachedOther = this.#reached(id, at);
        return `The cancel reached deployment request ${id}, which started as the ${nameRequest(this.#need())} ended: deployment-request-id asked for that one alone, and Qovery's environment cancel stops whatever runs when it arrives`;
    }
    /** The request a cancel reached, as the last status shows it: its kind from the queue row it waited in, when read. */
    #reached(id, at) {
        const status = this.#s.status;
        const row = this.#s.queue?.find((candidate) => candidate.id === id);
        const waited = row === undefined ? undefined : foundWaiting(row);
        const execution = status === undefined ? undefined : shownExecution(status);
        return {
            via: 'environment',
            id,
            ...(execution === undefined ? {} : { executionId: execution }),
            ...(waited?.kind === undefined ? {} : { kind: waited.kind }),
            ...(waited?.triggeredBy === undefined ? {} : { triggeredBy: waited.triggeredBy }),
            ...(waited?.origin === undefined ? {} : { origin: waited.origin }),
            sawCanceling: true,
            ...(status === undefined ? {} : { lastState: status.state }),
            said: status === undefined ? [] : [{ source: 'status', state: status.state, at }]
        };
    }
    /** A request known to have ended CANCELED. */
    canceledSeen(id) {
        if (!this.#s.canceledRequests.includes(id))
            this.#s.canceledRequests = [...this.#s.canceledRequests, id];
    }
    /** The request that started once the target ended. */
    startedNextSeen(id) {
        this.#s.startedNext ??= id;
    }
    deploymentRead(record) {
        this.#s.deployment = record;
    }
    /** The run ends: its outcome, why (in sentences, and as data for a failure), when, and the requests it sent. */
    finish(outcome, stop, at, apiCalls) {
        const s = this.#s;
        s.outcome = outcome;
        if (stop !== undefined)
            s.reason = stop.reason;
        if (stop?.cause !== undefined)
            s.failure = stop.cause;
        s.endedAt = at;
        s.apiCalls = apiCalls;
        return s;
    }
    /** Whether the status speaks of the target: it names its id or its execution, and names neither otherwise. */
    #aboutTarget(status) {
        const target = this.#s.target;
        if (target === undefined || target.fate !== undefined || target.via === 'queue')
            return false;
        // A request that ran does not wait again: a queued state under its id is the next request waiting.
        if (isQueuedState(status.state) && target.lastState !== undefined && !isQueuedState(target.lastState))
            return false;
        const { byId, byExecution } = statusNaming(status, target);
        if (byId === false || byExecution === false)
            return false;
        return byId === true || byExecution === true || (shownRequest(status) === undefined && shownExecution(status) === undefined);
    }
    /** What a status about the target says of it: its state, and its last deployment state beside its execution. */
    #statusSays(status, at) {
        const target = this.#need();
        const execution = shownExecution(status);
        const lastState = status.last_deployment_state;
        const ofExecution = target.via === 'environment' && target.executionId !== undefined && execution !== undefined && sameId(execution, target.executionId);
        return [
            { source: 'status', state: status.state, at },
            ...(ofExecution && typeof lastState === 'string' && lastState !== ''
                ? [{ source: 'last deployment', state: lastState, at }]
                : [])
        ];
    }
    /** An execution shown once the cancel was sent that is not the target's: a deployment newer than its own. */
    #noteLater(execution) {
        const target = this.#s.target;
        if (execution === undefined || this.#s.cancel === undefined || target?.via !== 'environment')
            return;
        if (target.executionId !== undefined && !sameId(execution, target.executionId))
            this.#s.laterExecutions = new Set([...this.#s.laterExecutions, execution.toLowerCase()]);
    }
    /** A target running with no execution known takes the one a status naming it names (a waiting request that started). */
    #adoptExecution(execution) {
        const target = this.#need();
        if (target.via === 'environment' && target.executionId === undefined && target.id !== undefined && execution !== undefined)
            this.#s.target = { ...target, executionId: execution };
    }
    #heard(said, state) {
        const target = this.#need();
        this.#s.target = {
            ...target,
            said: [...target.said, ...said],
            ...(state === undefined ? {} : { lastState: state, sawCanceling: target.sawCanceling || isCanceling(state) })
        };
    }
    #sight(sighting) {
        return addSighting(this.#s, sighting);
    }
    #need() {
        const target = this.#s.target;
        if (target === undefined)
            throw new Error('no request targeted yet');
        return target;
    }
}
/**
 * The request the status's state belongs to: the one it names, but for a queued state under the
 * id of a request seen running, which Qovery shows while the next request waits to start: that
 * state belongs to no request.
 */
function stateOwner(run, status) {
    const shown = shownRequest(status);
    if (shown === undefined || !isQueuedState(status.state))
        return shown;
    const target = run.target;
    const ran = run.seenRunning.has(shown) || (target?.id === shown && target.lastState !== undefined && !isQueuedState(target.lastState));
    return ran ? undefined : shown;
}

;// CONCATENATED MODULE: ./src/rules/deployment-record.ts
/**
 * Which deployment history entry is the targeted request's own. The history names executions, not
 * requests: the entry is the one whose execution id is the one the status named beside the request
 * while it ran (its last_deployment_id), as Qovery's console pairs them. That pairing is Qovery's
 * console's reading, not the spec's, so the entry is taken only when nothing else known of the
 * request contradicts it: otherwise its services and its console link would be another
 * deployment's. Pure policy.
 */



/** The request's own history entry, or why none can be taken as it. */
function deploymentEntry(history, facts) {
    const { executionId } = facts;
    if (executionId === undefined)
        return { unknown: 'Qovery named no execution for the request while it ran (no last_deployment_id)' };
    const others = otherExecutions(facts, executionId);
    if (others.length > 0)
        return { unknown: `the status named more than one execution beside the request (${[executionId, ...others].join(', ')})` };
    const index = history.findIndex((entry) => sameId(entry.executionId, executionId));
    const entry = history[index];
    if (entry === undefined)
        return { unknown: `the deployment history has no entry for execution ${executionId}` };
    const contradiction = contradicts(entry, facts) ?? (index > facts.newer ? newerEntries(index, facts.newer) : undefined);
    return contradiction === undefined
        ? { value: entry }
        : { unknown: `the entry of execution ${executionId} is not taken as the request's: ${contradiction}` };
}
/**
 * Executions the status named beside the request's id other than `executionId`, but for those it
 * also named beside another request: there the request's id lagged behind the execution shown.
 */
function otherExecutions(facts, executionId) {
    const { id, pairs } = facts;
    if (id === undefined)
        return [];
    const ofOthers = new Set(pairs.filter(([request]) => request !== id).map(([, execution]) => execution.toLowerCase()));
    return [
        ...new Set(pairs
            .filter(([request, execution]) => request === id && !sameId(execution, executionId) && !ofOthers.has(execution.toLowerCase()))
            .map(([, execution]) => execution))
    ];
}
/** What in the entry contradicts the request: another kind, or another end. */
function contradicts(entry, facts) {
    const { kind, fate } = facts;
    const entryFamily = entry.action === undefined ? undefined : (familyOf(entry.action) ?? entry.action.toUpperCase());
    const requestFamily = kind === undefined ? undefined : (familyOf(kind.action) ?? kind.action.toUpperCase());
    if (entryFamily !== undefined &&
        requestFamily !== undefined &&
        entry.action.toUpperCase() !== 'UNKNOWN' &&
        entryFamily !== requestFamily)
        return `it is a ${entry.action}, and the request a ${kind.action}`;
    if (fate?.state !== undefined && isFinalState(entry.state) && entry.state.toUpperCase() !== fate.state.toUpperCase())
        return `it says ${entry.state}, and the request ended ${fate.state}`;
    return undefined;
}
function newerEntries(index, newer) {
    return `${index} deployment${index > 1 ? 's are' : ' is'} newer in the history, and ${newer === 0 ? 'none' : newer} was seen to start after the request`;
}

;// CONCATENATED MODULE: ./src/flow/what-is-left.ts
/**
 * The phase after the targeted request has ended: what still waits in the queue, which of the
 * waiting requests canceled are gone, which request runs now, and what the deployment the target
 * ran did to each service. Reads side by side, under one short budget (about one request-timeout
 * in all); none of them failing changes how the run ended: what could not be read is not known.
 * The status is read again only for a request that waited: for one that ran, the read that showed
 * it ended shows what runs now.
 */




/** Reads what is left once the target ended, and records it; `budgetMs` bounds them all. */
async function lookAtWhatIsLeft(run, context, budgetMs) {
    const { clock, reads } = context;
    const budgetEnds = clock.now() + budgetMs;
    const ran = run.chosen.via === 'environment';
    // The history read beside the last status, to judge how the target ended, is not read again.
    const judged = run.state.history;
    const fresh = judged !== undefined && judged.at >= (run.state.statusRead?.at ?? Number.POSITIVE_INFINITY) ? judged : undefined;
    const within = reads.within(budgetMs);
    const [queue, status, read, statuses] = await within.sideBySide((read) => [
        read.queueNow(),
        ran ? undefined : read.statusNow(),
        ran && fresh === undefined ? read.history() : undefined,
        read.serviceStatuses()
    ]);
    const history = fresh === undefined ? read : { value: [...fresh.entries] };
    if (status !== undefined && 'value' in status)
        note(context, run.statusRead(status.value, stamp(context)));
    note(context, run.queueRead('value' in queue ? queue.value : { unreadable: queue.unknown }, clock.now()));
    const services = 'value' in statuses ? statuses.value : undefined;
    noteStartedNext(run, services);
    confirmWaitingCancels(run);
    if (!ran || history === undefined)
        return;
    const entry = await entryOnceFinal(run, context, history, budgetEnds);
    run.deploymentRead({ entry, statuses });
}
/**
 * The target's history entry, read again while it is still in progress though the target ended
 * (the history may lag the status), until the budget ends.
 */
async function entryOnceFinal(run, context, first, budgetEnds) {
    const { clock, reads, retry, settings } = context;
    let entry = entryOf(run, first);
    const every = Math.min(settings.pollIntervalMs, 1000);
    while ('value' in entry && !isFinalState(entry.value.state) && clock.now() + every < budgetEnds) {
        await retry.sleep(every);
        const again = await reads.within(budgetEnds - clock.now()).history();
        if ('unknown' in again)
            break;
        entry = entryOf(run, again);
    }
    return entry;
}
function entryOf(run, history) {
    if ('unknown' in history)
        return history;
    const { pairs, startedNext, laterExecutions } = run.state;
    const target = run.chosen;
    return deploymentEntry(history.value, {
        ...(target.via === 'environment' && target.executionId !== undefined ? { executionId: target.executionId } : {}),
        ...(target.id === undefined ? {} : { id: target.id }),
        pairs,
        ...(target.kind === undefined ? {} : { kind: target.kind }),
        ...(target.fate === undefined ? {} : { fate: target.fate }),
        newer: Math.max(startedNext === undefined ? 0 : 1, laterExecutions.size)
    });
}
/**
 * The request that runs now, as the one that started next: one the status shows running that is
 * not the target, was not running before the cancel, and that another record names too (it waited
 * in a queue read before, or the services say they are part of it). The status's id alone may lag,
 * or name the last request that ended.
 */
function noteStartedNext(run, services) {
    const { status, seenRunning, seenWaiting, doubts } = run.state;
    if (status === undefined || !isRunningState(status.state) || doubts.length > 0)
        return;
    const shown = shownRequest(status);
    const reached = [run.state.missed?.id, run.state.reachedOther?.id];
    if (shown === undefined || shown === run.target?.id || reached.includes(shown) || seenRunning.has(shown))
        return;
    const named = services === undefined ? undefined : shownIdentity(status, services);
    if (seenWaiting.has(shown) || (named?.id === shown && named.disagreements.length === 0 && services.length > 0))
        run.startedNextSeen(shown);
}
/** A canceled waiting request is known canceled once the queue was read without it after the cancel, and it does not run. */
function confirmWaitingCancels(run) {
    const { queue, queueReadAfterCancel, status, waitingCancels } = run.state;
    if (queue === undefined || !queueReadAfterCancel)
        return;
    const running = status === undefined ? undefined : shownRequest(status);
    const waiting = waitingRows(queue, running);
    for (const [id, answer] of waitingCancels) {
        if (!answer.accepted || id === run.target?.id || id === running)
            continue;
        if (!waiting.some((row) => row.id === id) && !queue.some((row) => row.id === id))
            run.canceledSeen(id);
    }
}

;// CONCATENATED MODULE: ./src/flow/cancel-flow.ts










/** Runs the phases under `settings`, until `deadline` (ms on the clock) at most; the report of what happened. */
async function cancelAndWait(settings, deadline, deps) {
    const context = flowContext(settings, deadline, deps);
    const run = new Run(deps.clock.now());
    let details;
    let environment;
    try {
        environment = environmentContext(context, await findEnvironment(run, context));
        run.enter('before-cancel');
        const choice = await findTarget(run, environment);
        if (choice.decision !== 'cancel') {
            details = readDetails(run, environment);
            return await finish(run, context, details, ...withoutCancel(run, choice, environment));
        }
        run.targetChosen(choice.request, choice.passedOver);
        run.enter('cancel');
        const answer = await requestCancel(run, environment);
        // Read once the cancel is on its way, side by side with what follows.
        details = readDetails(run, environment);
        // A target that ended before the cancel could be sent again, or showed it under way, is followed
        // to its end, even without wait: no answer of Qovery's tells where the cancel stands.
        if (!settings.wait && answer.targetEnded !== true && answer.underWay !== true) {
            await answer.lookup;
            return await finish(run, context, details, answer.accepted ? 'requested' : 'conflict');
        }
        run.enter('wait');
        await followRequest(run, environment, answer);
        run.enter('after');
        await lookAtWhatIsLeft(run, environment, settings.requestTimeoutMs);
        const disallowed = reachedDisallowed(run.state, settings.actions);
        if (disallowed !== undefined)
            return await finish(run, context, details, 'failed', disallowed);
        return await finish(run, context, details, outcomeOfFate(run.target.fate));
    }
    catch (error) {
        const stopped = stoppedBy(error, run.state, {
            timeoutMs: settings.timeoutMs,
            apiUrl: settings.apiUrl,
            ...(deps.signal.aborted ? { interruption: deps.signal.reason } : {})
        });
        // A cancel that failed after it left (refused, or never accepted) still gets the environment's
        // name and console link; a run stopped by its deadline or a signal sends nothing more.
        if (details === undefined && environment !== undefined && stopped.outcome === 'failed' && run.state.cancel?.sentAt !== undefined)
            details = readDetails(run, environment);
        return await finish(run, context, details, stopped.outcome, stopped);
    }
}
/** The environment's id, from the input or by walking the names. */
async function findEnvironment(run, context) {
    const { api, group, settings, retry, signal } = context;
    const target = settings.target;
    if (!('names' in target)) {
        run.environmentFound(target.environmentId);
        return target.environmentId;
    }
    const resolved = await resolveEnvironment(target.names, api, retry, policyFor('first-read', settings.pollIntervalMs), signal);
    run.environmentFound(resolved.environment.id, resolved);
    group(`Resolved ${resolved.organization.name} / ${resolved.project.name} / ${resolved.environment.name}`, [
        `organization: ${resolved.organization.name} (${resolved.organization.id})`,
        `project: ${resolved.project.name} (${resolved.project.id})`,
        `environment: ${resolved.environment.name} (${resolved.environment.id})`
    ]);
    return resolved.environment.id;
}
/** How a run that sends nothing ends, and why. */
function withoutCancel(run, choice, context) {
    const lookedFor = Math.min(context.clock.now() - run.state.startedAt, FRESH_REQUEST_GRACE_MS);
    switch (choice.decision) {
        case 'none':
            run.nothingChosen(choice.passedOver);
            return ['nothing-to-cancel'];
        case 'unsure':
            run.nothingChosen(choice.passedOver);
            return ['failed', unsureRequest(choice.why, context.settings.actions)];
        case 'ended':
            run.endedBefore(choice.id, choice.fate);
            return ['nothing-to-cancel'];
        case 'unknown':
            return ['failed', unknownRequest(choice.id, context.environmentId, lookedFor, choice.detail)];
        case 'unlocated':
            return ['failed', unlocatedRequest(choice.id, choice.state, context.environmentId, lookedFor, run.state.queueUnreadable)];
        case 'elsewhere':
            return ['failed', requestElsewhere(choice.id, choice.state, choice.environmentId, context.environmentId)];
    }
}
/**
 * GET /environment/{id}, for its name and where it lives (links into the console), unless the
 * names given already told. Started without waiting for it: it is awaited when the run ends.
 */
function readDetails(run, context) {
    if (run.state.resolved !== undefined)
        return undefined;
    return context.reads.within(context.settings.requestTimeoutMs).environment();
}
async function finish(run, context, details, outcome, stop) {
    if (details !== undefined)
        run.environmentRead(await details);
    return run.finish(outcome, stop, context.clock.now(), context.api.requestCount);
}

;// CONCATENATED MODULE: ./src/util/printable.ts
/**
 * A value from the inputs or the environment, fit for an error message: one line, no control
 * characters, at most 80 characters (a longer one ends in `...`).
 */
function printable(value) {
    const oneLine = value.replace(/[\u0000-\u001f\u007f]/g, '?');
    return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/proxy.js
var proxy = __webpack_require__(9783);
;// CONCATENATED MODULE: ./src/inputs/proxy-environment.ts


/**
 * The variables an https:// API's requests may go through, first found first: HTTPS_PROXY, else
 * HTTP_PROXY (as undici's EnvHttpProxyAgent reads them, so that a runner set up for it works the
 * same), the lower-case form before the upper-case one (as curl and @actions/http-client do).
 */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const ACCEPTED = 'Accepted: http://host:port or https://host:port, with user:password@ before the host if the proxy asks for them (percent-encode @, : and / in them), or host:port alone, read as http://host:port.';
/**
 * The route of the API's requests, from the runner's proxy variables. Plain http:// (allowed only
 * to a loopback address) never goes through a proxy: the token would travel in clear. An
 * https:// API goes direct to a host NO_PROXY names (or a loopback one), else through the first
 * proxy variable set. A variable is checked only when the requests need it; a problem names it
 * and says what is accepted.
 */
function proxyFor(apiUrl, env) {
    if (apiUrl.protocol !== 'https:' || namedByNoProxy(apiUrl, env))
        return { route: 'direct' };
    for (const variable of PROXY_VARIABLES) {
        const value = env[variable]?.trim();
        if (value === undefined || value === '')
            continue;
        const proxy = parseProxy(value);
        if ('problem' in proxy) {
            const message = `Environment variable ${variable} is "${printable(hideCredentials(value))}", ${proxy.problem}, and the requests to ${apiUrl.host} need it (NO_PROXY does not name that host). ${ACCEPTED}`;
            return { problem: { variable, message } };
        }
        return { route: 'proxy', variable, ...proxy };
    }
    return { route: 'direct' };
}
/**
 * A proxy variable's value as curl reads it: no scheme means http://, and the credentials are
 * percent-decoded. Returns the proxy's origin and Proxy-Authorization, or why the value is unusable.
 */
function parseProxy(value) {
    let url;
    try {
        url = new URL(SCHEME.test(value) ? value : `http://${value}`);
    }
    catch {
        return { problem: 'which is not a URL, even read as http://' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return { problem: `whose scheme ${url.protocol.replace(/:$/, '')}:// the action does not support` };
    }
    if (url.hostname === '')
        return { problem: 'which names no host' };
    const origin = new URL(url.origin);
    if (url.username === '' && url.password === '')
        return { url: origin };
    const credentials = `${decodeLeniently(url.username)}:${decodeLeniently(url.password)}`;
    return { url: origin, authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` };
}
/**
 * Percent-escapes decoded where they are valid, taken as written where not: a password with a raw
 * `%` (as shells and runner settings often hold it) stays that password, where decodeURIComponent
 * would throw "URI malformed".
 */
function decodeLeniently(text) {
    return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
        try {
            return decodeURIComponent(run);
        }
        catch {
            // A run that is not UTF-8 as a whole: each escape that decodes on its own does.
            return run.replace(/%[0-9a-f]{2}/gi, (escape) => {
                try {
                    return decodeURIComponent(escape);
                }
                catch {
                    return escape;
                }
            });
        }
    });
}
/**
 * The value with whatever comes before its last `@` (after the scheme) shown as `***`: the
 * credentials of a proxy URL, even one too broken to parse.
 */
function hideCredentials(value) {
    const scheme = SCHEME.exec(value)?.[0] ?? '';
    const at = value.lastIndexOf('@');
    return at < scheme.length ? value : `${scheme}***${value.slice(at)}`;
}
/**
 * Whether NO_PROXY (or no_proxy) names the API's host, by the rule of @actions/http-client, which
 * GitHub's toolkit and the actions built on it follow on the same runner (`*`, a host, host:port,
 * a domain suffix with or without its leading dot; loopback hosts always). checkBypass reads
 * process.env, so another environment (a test's) is lent to it for this synchronous call only.
 */
function namedByNoProxy(apiUrl, env) {
    const names = ['no_proxy', 'NO_PROXY'];
    if (env === process.env || names.every((name) => env[name] === process.env[name]))
        return (0,proxy/* checkBypass */.H)(apiUrl);
    const own = names.map((name) => process.env[name]);
    try {
        names.forEach((name) => setVariable(name, env[name]));
        return (0,proxy/* checkBypass */.H)(apiUrl);
    }
    finally {
        names.forEach((name, index) => setVariable(name, own[index]));
    }
}
/** Assigning undefined to process.env would store the string "undefined". */
function setVariable(name, value) {
    if (value === undefined)
        delete process.env[name];
    else
        process.env[name] = value;
}

;// CONCATENATED MODULE: ./src/inputs/settings.ts






/**
 * Every input of action.yml, read once and validated into typed settings before any request.
 * The defaults here must equal action.yml's (a test compares them): they apply when the action
 * runs outside a workflow, where the runner does not fill them in.
 */
const DEFAULTS = {
    force: 'false',
    wait: 'true',
    timeout: '30m',
    'poll-interval': '5s',
    'request-timeout': '30s',
    'api-url': 'https://api.qovery.com',
    'on-timeout': 'fail',
    queued: 'keep',
    actions: 'deploy'
};
const NAME_INPUTS = ['organization', 'project', 'environment'];
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.map((problem) => problem.message).join('\n'));
        this.name = 'InputError';
        this.problems = problems;
    }
}
/** The shortest poll-interval against an API that is not on this machine. */
const MIN_REMOTE_POLL_MS = 1_000;
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
/**
 * Reads and checks every input, and the proxy variables of `env` the API's requests need (a
 * problem with one is reported under the variable's name); reports all the bad ones at once
 * (InputError), never echoing the token or a proxy's credentials.
 */
function readSettings(getInput, env = process.env) {
    const problems = [];
    const input = (name) => {
        const value = getInput(name).trim();
        return value === '' && name in DEFAULTS ? DEFAULTS[name] : value;
    };
    const fail = (name, message, fallback) => {
        problems.push({ input: name, message: `Input '${name}' ${message}` });
        return fallback;
    };
    const target = readTarget(input, fail);
    const token = readToken(input('token'), fail);
    const force = readBoolean('force', input('force'), fail);
    const wait = readBoolean('wait', input('wait'), fail);
    const apiUrl = readApiUrl(input('api-url'), fail);
    const timing = readTiming(input, apiUrl, wait, fail);
    const onTimeout = readChoice('on-timeout', input('on-timeout'), ON_TIMEOUT, fail);
    const queued = readChoice('queued', input('queued'), QUEUED, fail);
    const actions = readActions(input('actions'), fail);
    const deploymentRequestId = readRequestId(input('deployment-request-id'), queued, fail);
    const proxy = apiUrl === undefined ? undefined : proxyFor(apiUrl, env);
    if (proxy !== undefined && 'problem' in proxy)
        problems.push({ input: proxy.problem.variable, message: proxy.problem.message });
    if (problems.length > 0)
        throw new InputError(problems);
    return {
        target: target,
        token,
        authorization: authorizationFor(token),
        force,
        wait,
        ...timing,
        apiUrl: apiUrl,
        proxy: proxy,
        onTimeout,
        queued,
        actions,
        ...(deploymentRequestId === undefined ? {} : { deploymentRequestId })
    };
}
const ON_TIMEOUT = { fail: 'the step fails when the wait times out', warn: 'the step succeeds with a warning' };
const QUEUED = {
    keep: 'cancel the current request only; the requests waiting behind it start next',
    cancel: 'cancel the waiting requests too'
};
/** The token, checked for what an HTTP header cannot carry; its value is never shown. */
function readToken(token, fail) {
    const bare = token.replace(/^(token|bearer) +/i, '');
    if (token === '' || isSchemeOnly(token))
        return fail('token', `is ${token === '' ? 'empty' : `the word ${token.trim()} with no credential after it`}. Pass a Qovery API token or JWT, for example token: \${{ secrets.QOVERY_API_TOKEN }}; an empty value usually means the secret is not set or not available to this workflow.`, '');
    if (/[\s\u0000-\u001f\u007f]/.test(bare))
        return fail('token', 'contains spaces, line breaks or control characters (its value is not shown). Store the token alone in the secret, with no surrounding text.', '');
    // An HTTP header carries visible ASCII only: a zero-width space or an emoji pasted with the
    // token would be refused by the HTTP client on every request.
    const odd = /[^\u0021-\u007e]/u.exec(bare);
    if (odd === null)
        return token;
    const code = `U+${odd[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return fail('token', `contains a character an HTTP header cannot carry (${code}, such as a zero-width space or an emoji from a copy-paste; its value is not shown). Store the token alone in the secret, as Qovery gave it.`, '');
}
/**
 * timeout, poll-interval and request-timeout; against a remote API, a poll-interval of 1s at
 * least; while waiting, one no longer than the timeout, or no read would follow the cancel.
 */
function readTiming(input, apiUrl, wait, fail) {
    const timeoutMs = readDuration('timeout', input('timeout'), fail);
    const pollIntervalMs = readDuration('poll-interval', input('poll-interval'), fail);
    const requestTimeoutMs = readDuration('request-timeout', input('request-timeout'), fail);
    if (apiUrl !== undefined && pollIntervalMs > 0 && pollIntervalMs < MIN_REMOTE_POLL_MS && !isLoopback(apiUrl.hostname)) {
        fail('poll-interval', `is "${printable(input('poll-interval'))}": against ${apiUrl.hostname} the shortest interval is 1s, so that the action never floods the API with reads. Use 1s or more (shorter intervals are for a local simulator on a loopback address).`, 0);
    }
    if (wait && timeoutMs > 0 && pollIntervalMs > timeoutMs) {
        fail('poll-interval', `is "${printable(input('poll-interval'))}", longer than timeout (${formatDuration(timeoutMs)}): no read of the state would follow the cancel before the timeout. Use a poll-interval no longer than the timeout.`, 0);
    }
    return { timeoutMs, pollIntervalMs, requestTimeoutMs };
}
/** The kinds of request to cancel: a comma- or newline-separated list of deploy, restart, stop, delete, or all. */
function readActions(value, fail) {
    const items = value
        .split(/[,\n]/)
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item !== '');
    const unknown = items.filter((item) => item !== 'all' && !ACTION_NAMES.includes(item));
    if (items.length === 0 || unknown.length > 0) {
        return fail('actions', `${items.length === 0 ? 'lists no kind' : `names ${unknown.map((item) => `"${printable(item)}"`).join(', ')}, which ${unknown.length > 1 ? 'are' : 'is'} not a kind of request`}. Accepted: a comma- or newline-separated list of ${ACTION_NAMES.join(', ')}, or all (for example: deploy, restart).`, new Set(['deploy']));
    }
    return items.includes('all') ? 'all' : new Set(items);
}
/** deployment-request-id: a UUID, lower-cased; it cancels exactly that request, so not with queued: cancel. */
function readRequestId(value, queued, fail) {
    if (value === '')
        return undefined;
    if (!UUID.test(value)) {
        return fail('deployment-request-id', `is "${printable(value)}", which is not a UUID. Expected the deployment_request_id that POST /environment/{id}/deploy answered, such as 7d3c1a52-0b4e-4f3a-9c1d-2e5f6a7b8c9d.`, undefined);
    }
    if (queued === 'cancel') {
        return fail('queued', 'is cancel while deployment-request-id is given: deployment-request-id cancels exactly that request and touches no other. Leave queued at keep, or drop deployment-request-id.', undefined);
    }
    return value.toLowerCase();
}
/** Either environment-id, or all three names: anything else is ambiguous or incomplete. */
function readTarget(input, fail) {
    const idText = input('environment-id');
    const names = Object.fromEntries(NAME_INPUTS.map((name) => [name, input(name)]));
    const given = NAME_INPUTS.filter((name) => names[name] !== '');
    if (idText !== '' && given.length > 0) {
        return fail('environment-id', `and ${given.join(', ')} are both given: name the environment either by environment-id or by organization, project and environment, not both.`, undefined);
    }
    if (given.length > 0) {
        if (given.length === NAME_INPUTS.length)
            return { names };
        const missing = NAME_INPUTS.filter((name) => names[name] === '');
        return fail(missing[0], `is missing: ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} given, so ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} needed too (or use environment-id alone).`, undefined);
    }
    if (idText === '') {
        return fail('environment-id', 'is required, or else the three inputs organization, project and environment (names or ids): which Qovery environment to act on.', undefined);
    }
    if (!UUID.test(idText)) {
        return fail('environment-id', `is "${printable(idText)}", which is not a UUID. Expected the environment's id, such as 3f50b8f5-5c1a-4b4e-9d2a-6f0c3b1e2a7d (the console shows it in the environment's URL); to name it instead, use organization, project and environment.`, undefined);
    }
    return { environmentId: idText.toLowerCase() };
}
/** One of a few values, in any case; the first is the fallback once the problem is noted. */
function readChoice(name, value, accepted, fail) {
    const values = Object.keys(accepted);
    const found = values.find((choice) => choice === value.toLowerCase());
    if (found !== undefined)
        return found;
    const listed = values.map((choice) => `${choice} (${accepted[choice]})`).join(' or ');
    return fail(name, `is "${printable(value)}". Accepted values: ${listed}.`, values[0]);
}
function readBoolean(name, value, fail) {
    if (TRUE.includes(value))
        return true;
    if (FALSE.includes(value))
        return false;
    return fail(name, `is "${printable(value)}", which is not a boolean. Accepted values: true, True, TRUE, false, False, FALSE.`, false);
}
function readDuration(name, value, fail) {
    const parsed = parseDuration(value);
    if ('ms' in parsed)
        return parsed.ms;
    return fail(name, `is "${printable(value)}", which is not a valid duration: ${parsed.problem}. Accepted forms: ${DURATION_FORMS}.`, 0);
}
function readApiUrl(value, fail) {
    const accepted = 'Expected an absolute https:// URL such as https://api.qovery.com (http:// only for a loopback address such as http://127.0.0.1:8080).';
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return fail('api-url', `is "${printable(value)}", which is not an absolute URL. ${accepted}`, undefined);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return fail('api-url', `uses ${url.protocol.replace(/:$/, '')}://, which is not supported. ${accepted}`, undefined);
    }
    if (url.username !== '' || url.password !== '') {
        return fail('api-url', 'contains a user name or password. Pass the credential in the token input and leave it out of the URL.', undefined);
    }
    if (url.search !== '' || url.hash !== '') {
        return fail('api-url', `has a query string or fragment (not shown, it may hold a secret). ${accepted}`, undefined);
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        return fail('api-url', `is "${printable(value)}": plain http:// would send the token unencrypted to ${url.hostname}. Use https://, or http:// only for a loopback address (127.0.0.1, ::1, localhost).`, undefined);
    }
    if (!url.pathname.endsWith('/'))
        url.pathname += '/';
    return url;
}
/** Loopback hosts, where a token in clear never leaves the machine. */
function isLoopback(hostname) {
    const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
/** The settings as the log's Settings group shows them: every input, the token as `***`. */
function settingsLines(settings) {
    const target = settings.target;
    return [
        ...('names' in target
            ? [`organization: ${target.names.organization}`, `project: ${target.names.project}`, `environment: ${target.names.environment}`]
            : [`environment-id: ${target.environmentId}`]),
        `token: *** (${settings.authorization.explicit ? 'scheme given' : 'sent'} as ${settings.authorization.scheme})`,
        `actions: ${describeAllowed(settings.actions)}`,
        `force: ${settings.force}`,
        `wait: ${settings.wait}`,
        `timeout: ${formatDuration(settings.timeoutMs)}`,
        `poll-interval: ${formatDuration(settings.pollIntervalMs)}`,
        `request-timeout: ${formatDuration(settings.requestTimeoutMs)}`,
        `api-url: ${settings.apiUrl.href}`,
        `on-timeout: ${settings.onTimeout}`,
        `queued: ${settings.queued}`,
        ...(settings.deploymentRequestId === undefined ? [] : [`deployment-request-id: ${settings.deploymentRequestId}`])
    ];
}

;// CONCATENATED MODULE: ./src/report/phrases.ts
/**
 * The phrases the outcome words are made of, in plain words (kinds and states as words, no ids):
 * the request and its environment, what runs next, where the cancel stands, why nothing was
 * canceled, and a failure's cause. Each rests on a field of the Report, and says "not known"
 * where the Report does not know.
 */






/** The environment's name, from the names given or read from Qovery. */
function environmentName(report) {
    return (report.resolved?.environment.name ??
        (report.environment !== undefined && 'value' in report.environment ? report.environment.value.name : undefined));
}
/** `the deploy of pr-1234-preview`; `the deploy` when the environment's name is not known. */
function subject(report) {
    const name = environmentName(report);
    return `the ${kindWords(report.target?.kind).noun}${name === undefined ? '' : ` of ${name}`}`;
}
/** `the deletion (by alice@example.com)`: a request other than the target, its kind as far as a record of it says. */
function aRequest(request, article = 'the') {
    return `${article} ${kindWords(request.kind).noun}${request.triggeredBy === undefined ? '' : ` (by ${request.triggeredBy})`}`;
}
/**
 * The request that started once the target had ended, with what the Report holds of it: its queue
 * row or the record it was left alone on (kind, who), else the status that shows it (who only: a
 * state's name is no record of a kind). Whether it still runs: the last status read shows it running.
 */
function nextRequest(report) {
    const id = report.startedNext;
    if (id === undefined)
        return undefined;
    // Its row in a queue read, the last one or an earlier one: once started, it is in the queue no more.
    const row = report.queue?.find((waiting) => waiting.id === id) ?? report.seenWaiting.get(id);
    const found = report.passedOver.find((request) => request.id === id) ?? (row === undefined ? undefined : foundWaiting(row));
    const status = report.status;
    const shown = status !== undefined && shownRequest(status) === id ? status : undefined;
    const by = found?.triggeredBy ?? (typeof shown?.triggered_by === 'string' && shown.triggered_by !== '' ? shown.triggered_by : undefined);
    return {
        request: { ...(found?.kind === undefined ? {} : { kind: found.kind }), ...(by === undefined ? {} : { triggeredBy: by }) },
        runs: shown !== undefined && isRunningState(shown.state)
    };
}
/** `; the next deploy (by bob@example.com) now runs`, or what still waits; '' when neither is known. */
function whatRunsNext(report) {
    const next = nextRequest(report);
    if (next !== undefined)
        return `; ${aRequest(next.request, 'the next')} ${next.runs ? 'now runs' : 'started next'}`;
    const waiting = stillWaiting(report) ?? [];
    if (waiting.length === 0)
        return '';
    // Entries, not a count of requests: Qovery may list one merged request under two ids.
    return waiting.length === 1
        ? `; ${aRequest(foundWaiting(waiting[0]), 'a')} still waits in the queue`
        : `; the queue still lists ${counted(waiting.length, 'entry', 'entries')}`;
}
/** Waiting requests canceled besides the target (queued: cancel), as a sentence; '' when none. */
function alsoCanceled(report) {
    const others = alsoCanceledIds(report);
    if (others.length === 0)
        return '';
    return ` ${others.length === 1 ? 'The waiting request was' : `The ${others.length} waiting requests were`} canceled too (queued: cancel).`;
}
/**
 * `: the cancel reached the next deploy (by bob@example.com), which had started as the first one
 * ended` (after `lead`): the environment cancel reached the request that started as the one first
 * targeted ended (Report.missed), and that is the request told of; `: the cancel reached the next
 * deploy (by bob@example.com) instead` when deployment-request-id asked for the first alone
 * (Report.reachedOther); '' otherwise.
 */
function phrases_reachedNext(report, lead = ': ') {
    if (report.reachedOther !== undefined)
        return `${lead}the cancel reached ${aRequest(report.reachedOther, 'the next')} instead`;
    if (report.missed === undefined || report.target === undefined)
        return '';
    return `${lead}the cancel reached ${aRequest(report.target, 'the next')}, which had started as the first one ended`;
}
/**
 * `The cancel reached the next deploy (by bob@example.com), which had started as the deploy first
 * targeted (by alice@example.com) ended (canceled). `: how the first ended, as its records said;
 * '' unless the cancel reached the next request.
 */
function reachedNextSentence(report) {
    const { missed, target, reachedOther } = report;
    if (reachedOther !== undefined)
        return `The cancel reached ${aRequest(reachedOther, 'the next')}, which had started as the ${kindWords(target?.kind).noun} asked for ended. `;
    if (missed === undefined || target === undefined)
        return '';
    const by = missed.triggeredBy === undefined ? '' : ` (by ${missed.triggeredBy})`;
    const state = missed.fate?.state;
    const ended = state === undefined ? 'ended (how is not known)' : `ended (${stateWords(state)})`;
    return `The cancel reached ${aRequest(target, 'the next')}, which had started as the ${kindWords(missed.kind).noun} first targeted${by} ${ended}. `;
}
/** Cancels of waiting requests went out (queued: cancel) and were not refused: some may have been carried out. */
function waitingCancelsSent(report) {
    return [...report.waitingCancels.values()].some((answer) => answer.accepted !== false);
}
/** Where the cancel stands when the run stopped early: `no cancel was sent`, `Qovery goes on with the cancel it accepted`... */
function cancelStands(report) {
    const cancel = report.cancel;
    if (cancel?.sentAt === undefined)
        return waitingCancelsSent(report) ? 'only cancels of waiting requests were sent' : 'no cancel was sent';
    if (cancel.acceptedWith !== undefined)
        return 'Qovery goes on with the cancel it accepted';
    if (cancel.refusedWith !== undefined || cancel.conflict !== undefined)
        return waitingCancelsSent(report) ? 'the targeted request was not canceled' : 'nothing was canceled';
    return 'a cancel was sent and never confirmed: it may have been carried out';
}
/** ` on the deploy of pr-1234-preview, last seen canceling`: what the run was about when it stopped; '' before a target. */
function stoppedOn(report) {
    if (report.target === undefined) {
        const name = environmentName(report);
        return name === undefined ? '' : ` in ${name}`;
    }
    const state = report.target.lastState ?? report.status?.state;
    if (state === undefined)
        return ` on ${subject(report)}`;
    return ` on ${subject(report)}, ${isFinalState(state) ? 'last seen' : 'still'} ${stateWords(state)}`;
}
/** The headline of nothing-to-cancel: what runs or waits, and why it is left alone. */
function nothingToCancelHeadline(report, actions) {
    const name = environmentName(report) ?? 'the environment';
    const ended = report.target?.alreadyEnded;
    if (ended !== undefined)
        return `the ${kindWords(report.target?.kind).noun} asked for had already ended (${endedWords(ended)})`;
    const [first, ...others] = report.passedOver;
    if (first === undefined)
        return report.queueUnreadable === undefined
            ? `nothing runs or waits in ${name}`
            : `nothing runs in ${name} (its queue could not be read)`;
    const words = kindWords(first.kind);
    const what = first.via === 'environment'
        ? `${name} ${first.kind === undefined ? 'runs a request of a kind Qovery did not name' : words.underway}`
        : `a ${words.noun} waits in ${name}'s queue`;
    const more = others.length === 0 ? '' : `, and ${counted(others.length, 'more request')} wait${others.length === 1 ? 's' : ''}`;
    const alone = first.kind === undefined
        ? 'only actions: all cancels a request of a kind not known'
        : `actions: ${describeAllowed(actions)} leaves ${words.plural} alone`;
    return `${what}${more} (${alone})`;
}
/** The closing of nothing-to-cancel: nothing was sent, and why, with what would cancel it. */
function nothingToCancelClosing(report, actions) {
    const ended = report.target?.alreadyEnded;
    if (ended !== undefined)
        return `No cancel was sent: the ${kindWords(report.target?.kind).noun} asked for had already ended (${endedWords(ended)}).`;
    if (report.passedOver.length > 0) {
        const items = report.passedOver.map((request) => `${aRequest(request)} that ${request.via === 'queue' ? 'waits' : 'runs'}`);
        const covering = actionsValueCovering(report.passedOver.map((request) => request.kind), actions);
        const them = report.passedOver.length === 1 ? 'it' : 'them';
        return `No cancel was sent: actions: ${describeAllowed(actions)} leaves alone ${listed(items, ', ')}${covering === undefined ? '' : `; actions: ${covering} would cancel ${them}`}.`;
    }
    const state = report.status === undefined ? 'in a state not known' : stateWords(report.status.state);
    if (report.queueUnreadable !== undefined)
        return `No cancel was sent: the environment is ${state} and nothing runs; its deployment queue could not be read (${report.queueUnreadable}), so requests waiting in it, if any, are not known.`;
    return `No cancel was sent: the environment is ${state}, with nothing waiting in its queue.`;
}
/** A failure's cause for the headline: `The token was not accepted (401)`. */
function causeHeadline(cause, report) {
    if (cause === undefined)
        return 'The action failed';
    switch (cause.kind) {
        case 'token-rejected':
            return 'The token was not accepted (401)';
        case 'read-forbidden':
            return 'Qovery refused the token access (403)';
        case 'cancel-refused':
            return `Qovery refused the cancel (${cause.status})`;
        case 'not-found':
            if (cause.afterAccepted)
                return 'The environment or the request is gone (404) after Qovery accepted the cancel';
            return report.environmentId === undefined ? 'Not found (404) while looking the environment up' : 'The environment was not found (404)';
        case 'name-not-matched':
            return cause.several ? `Several ${cause.level}s match the name given` : `No ${cause.level} matches the name given`;
        case 'request-unknown':
            return 'Qovery knows no request with the id given';
        case 'request-elsewhere':
            return 'The request given belongs to another environment';
        case 'request-unlocated':
            return 'The request given is neither running nor waiting in the environment';
        case 'unreachable':
            return `Qovery's API could not be reached (${cause.code})`;
        case 'api-failing':
            return "Qovery's API kept failing";
        case 'api-error':
            return `Qovery's API answered ${cause.status === undefined ? 'with an error' : `HTTP ${cause.status}`}`;
        case 'records-unclear':
            return "Qovery's records do not say what runs, or what kind of request it is";
        case 'reached-disallowed':
            return `The cancel reached ${aRequest(report.target ?? { kind: { action: cause.action, source: 'queue' } }, 'the next')}, a kind actions leaves alone, as the first one ended`;
        case 'answer-too-large':
            return `An answer's ${cause.part} was too large to be Qovery's`;
        case 'unexpected':
            return 'Unexpected error';
    }
}
/** How a request asked for had ended, in words: its state, or that its records disagree. */
function endedWords(fate) {
    return fate.state === undefined ? "how is not known: Qovery's records disagree" : stateWords(fate.state);
}
/** A failure's cause for an annotation's title: `token not accepted (401)`. */
function causeTitle(cause) {
    switch (cause?.kind) {
        case undefined:
            return 'failed';
        case 'token-rejected':
            return 'token not accepted (401)';
        case 'read-forbidden':
            return 'access refused (403)';
        case 'cancel-refused':
            return `cancel refused (${cause.status})`;
        case 'not-found':
            return cause.afterAccepted ? 'environment or request gone (404)' : 'not found (404)';
        case 'name-not-matched':
            return 'name not matched';
        case 'request-unknown':
            return 'request not known';
        case 'request-elsewhere':
            return 'request in another environment';
        case 'request-unlocated':
            return 'request not seen';
        case 'unreachable':
            return `API not reached (${cause.code})`;
        case 'api-failing':
            return 'API kept failing';
        case 'api-error':
            return `API answered ${cause.status === undefined ? 'with an error' : cause.status}`;
        case 'records-unclear':
            return 'records unclear';
        case 'reached-disallowed':
            return `cancel reached a ${kindWords({ action: cause.action }).noun}`;
        case 'answer-too-large':
            return `answer too large (${cause.part})`;
        case 'unexpected':
            return 'unexpected error';
    }
}

;// CONCATENATED MODULE: ./src/report/outcome-words.ts






/** The title and headline of invalid input, which has no run to tell of. */
const INVALID_INPUT_TITLE = 'Invalid input';
const INVALID_INPUT_HEADLINE = 'Invalid input: no request was sent to Qovery';
/** CANCELING that outlasts the timeout is most often a lifecycle job Qovery lets finish. */
const STUCK_CANCELING_HINT = ' Without force, Qovery lets a running lifecycle job finish first: force: true aborts it, or raise timeout.';
const OUTCOMES = {
    canceled: {
        description: 'the targeted request ended CANCELED; the step succeeds',
        mark: '\u2705',
        title: () => 'Canceled',
        level: () => 'info',
        headline: (report) => `Canceled ${subject(report)}${alreadyUnderWay(report, 'headline')}${phrases_reachedNext(report)}${whatRunsNext(report)}`,
        closing: (report) => `${reachedNextSentence(report)}${theTarget(report)} was canceled${settledIn(report)}.${alreadyUnderWay(report, 'closing')}${alsoCanceled(report)}`
    },
    finished: {
        description: 'the targeted request ended in another final state Qovery names (it finished or failed) before or despite the cancel; the step succeeds with a warning',
        mark: '\u26a0\ufe0f',
        title: () => 'Not canceled',
        level: () => 'warning',
        headline: (report) => `Not canceled: ${subject(report)} ${endedAs(report)} ${when(report)}${phrases_reachedNext(report, '; ')}${whatRunsNext(report)}`,
        closing: (report) => `${reachedNextSentence(report)}${report.cancel?.sentAt === undefined ? `${theTarget(report)} was not canceled` : `The cancel did not stop ${theTarget(report, false)}`}: it ${endedAs(report)} ${when(report)}.${alsoCanceled(report)}`
    },
    unknown: {
        description: 'the targeted request ended, but Qovery did not say how, its records of it disagree, or it ended in a state the action does not know; the step succeeds with a warning',
        mark: '\u2754',
        title: () => 'Ended, how is not known',
        level: () => 'warning',
        headline: (report) => `${capitalize(subject(report))} ended; whether it was canceled is not known`,
        closing: (report) => {
            const fate = fateOf(report);
            const after = report.target?.sawCanceling === true ? ', after Qovery began canceling it' : '';
            const first = `${reachedNextSentence(report)}${theTarget(report)}`;
            return fate?.state === undefined
                ? `${first} has ended, and whether it was canceled is not known: ${fate?.basis ?? 'Qovery did not say'}.`
                : `${first} ended${after}, and whether it was canceled is not known: it ended in a state the action does not know (${stateWords(fate.state)}).`;
        }
    },
    'nothing-to-cancel': {
        description: 'nothing of a kind `actions` allows was running or waiting (or the request asked for had already ended, or is of another kind); nothing was sent, the step succeeds with a notice',
        mark: '\u2139\ufe0f',
        title: () => 'Nothing to cancel',
        level: () => 'notice',
        headline: (report, context) => `Nothing to cancel: ${nothingToCancelHeadline(report, context.actions)}`,
        closing: (report, context) => nothingToCancelClosing(report, context.actions)
    },
    requested: {
        description: 'with wait: false, Qovery accepted the cancel and the action did not wait; the step succeeds',
        mark: '\u2705',
        title: () => 'Cancel requested',
        level: () => 'info',
        headline: (report) => `Qovery accepted the cancel of ${subject(report)}; not waiting for it (wait: false)`,
        closing: (report) => `Qovery accepted the cancel of the ${noun(report)} and goes on with it; the action did not wait for it to take effect (wait: false).`
    },
    conflict: {
        description: 'with wait: false, Qovery refused the cancel with 409 (a cancel already under way, or an operation it cannot stop) and the request had not ended (one that had is followed to its end, even with wait: false, and the outcome says how it ended); the step succeeds with a warning',
        mark: '\u26a0\ufe0f',
        title: () => 'Cancel refused (409)',
        level: () => 'warning',
        headline: (report) => `Qovery refused the cancel of ${subject(report)} (409); the environment is ${stateWords(report.status?.state ?? 'not known')}`,
        closing: (report) => `Qovery refused the cancel (409), and the action does not wait (wait: false).${conflictCause(report)}`
    },
    'timed-out': {
        description: 'the targeted request was still in progress when timeout ran out, or the cancel was not yet accepted; the step fails, or warns with on-timeout: warn',
        mark: '\u23f1\ufe0f',
        title: () => 'Timed out',
        level: (onTimeout) => (onTimeout === 'warn' ? 'warning' : 'error'),
        headline: (report, context) => `Timed out${stoppedOn(report)}: ${cancelStands(report)}${context.onTimeout === 'warn' ? '; the step goes on (on-timeout: warn)' : ''}`,
        closing: (report, context) => {
            const goesOn = report.cancel?.acceptedWith === undefined ? '' : ' Qovery goes on with the cancel it accepted.';
            const warn = context.onTimeout === 'warn' ? ' The step goes on with a warning (on-timeout: warn).' : '';
            const hint = isCanceling(report.target?.lastState ?? report.status?.state ?? '') && !context.force ? STUCK_CANCELING_HINT : '';
            return `${report.reason ?? 'Timed out.'}${goesOn}${warn}${hint}`;
        }
    },
    interrupted: {
        description: 'the workflow run was cancelled (SIGINT, SIGTERM, SIGHUP or SIGBREAK) while the action ran; the step fails',
        mark: '\ud83d\uded1',
        title: () => 'Interrupted',
        level: () => 'error',
        headline: (report) => `Interrupted${stoppedOn(report)}: ${cancelStands(report)}`,
        closing: (report) => `${report.reason ?? 'Interrupted.'}${report.cancel?.acceptedWith === undefined ? '' : ' Qovery goes on with the cancel it accepted.'}`
    },
    failed: {
        description: 'an error stopped the action (token rejected, environment or request not found, API unreachable, no record of Qovery tells what kind of request runs, or the cancel reached a request of a kind `actions` does not allow...); the step fails',
        mark: '\u274c',
        title: (report) => `Failed: ${causeTitle(report.failure)}`,
        level: () => 'error',
        headline: (report) => {
            const cause = causeHeadline(report.failure, report);
            // After an accepted cancel, a 404 says the environment is gone: the cancel's fate with it.
            if (report.failure?.kind === 'not-found' && report.failure.afterAccepted)
                return cause;
            // The request reached was followed to its end: how it ended is where the cancel stands.
            if (report.failure?.kind === 'reached-disallowed') {
                const state = fateOf(report)?.state;
                return state === undefined ? `${cause}; how it ended is not known` : `${cause}; it ended ${stateWords(state)}`;
            }
            return `${cause}: ${cancelStands(report)}`;
        },
        closing: (report) => report.reason ?? 'The action failed.'
    },
    'invalid-input': {
        description: 'an input, or a variable of the runner such as HTTPS_PROXY, cannot be used; nothing was sent, the step fails',
        mark: '\u274c',
        title: () => INVALID_INPUT_TITLE,
        level: () => 'error',
        headline: () => INVALID_INPUT_HEADLINE,
        closing: (report) => report.reason ?? 'Invalid input. No request was sent to Qovery.'
    }
};
/** `deploy`, `deletion`, `request`: the targeted request's kind as a noun. */
function noun(report) {
    return kindWords(report.target?.kind).noun;
}
/**
 * `The deploy`; `It` right after the sentence that says the cancel reached the next request (which
 * names it); `The deploy asked for` when the cancel reached another; lower-case unless `start`.
 */
function theTarget(report, start = true) {
    const words = report.missed !== undefined ? 'it' : `the ${noun(report)}${report.reachedOther === undefined ? '' : ' asked for'}`;
    return start ? capitalize(words) : words;
}
function fateOf(report) {
    return report.target?.fate;
}
/** `finished (deployed)`, `failed to deploy`, `ended (paused)`: how a request that was not canceled ended. */
function endedAs(report) {
    const state = fateOf(report)?.state;
    if (state === undefined)
        return 'ended';
    if (/_ERROR$/i.test(state))
        return stateWords(state);
    return `${['DEPLOYED', 'STOPPED', 'DELETED', 'RESTARTED'].includes(state.toUpperCase()) ? 'finished' : 'ended'} (${stateWords(state)})`;
}
/** Whether the cancel had taken effect (CANCELING was seen for the request), or had left at all. */
function when(report) {
    if (report.target?.sawCanceling === true)
        return 'after Qovery began canceling it';
    return report.cancel?.sentAt === undefined ? 'before the cancel was sent' : 'before the cancel took effect';
}
/**
 * `, though Qovery answered this cancel 409` (headline) or ` Qovery had answered this cancel 409.
 * Qovery said: "..."` (closing): the cancel sent got 409, never an
 * acceptance, so the cancel that took effect was not this one; '' otherwise.
 */
function alreadyUnderWay(report, where) {
    const cancel = report.cancel;
    if (cancel?.conflict === undefined || cancel.acceptedWith !== undefined)
        return '';
    return where === 'headline'
        ? ', though Qovery answered this cancel 409'
        : ` Qovery had answered this cancel 409. ${quoteQovery(cancel.conflict)}`;
}
/**
 * ` (seen 2.6s after the cancel request)`: when the end was seen, not when it came (up to a
 * poll-interval sooner, or before the cancel, for one that ended meanwhile); '' when the cancel
 * reached another request, whose time says nothing of the target's end.
 */
function settledIn(report) {
    return report.reachedOther === undefined && report.settledAt !== undefined && report.cancel?.sentAt !== undefined
        ? ` (seen ${formatDuration(report.settledAt - report.cancel.sentAt)} after the cancel request)`
        : '';
}
/**
 * Why Qovery answered 409: its own words first; what the action saw (CANCELING: a cancel under
 * way); a likely cause only where Qovery gave none.
 */
function conflictCause(report) {
    const detail = report.cancel?.conflict;
    const said = detail !== undefined && detail !== CONFLICT ? ` ${quoteQovery(detail)}` : '';
    const state = report.status?.state;
    if (state !== undefined && isCanceling(state))
        return `${said} The environment is canceling: a cancel was already under way.`;
    const seen = state === undefined ? '' : ` The environment is ${stateWords(state)}.`;
    return said === '' ? `${seen} A 409 usually means an operation is in progress that a cancel cannot stop.` : `${said}${seen}`;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
/**
 * Text into the job summary's GitHub-flavoured Markdown. GitHub renders a summary as it renders
 * a comment: bare URLs, `www.` hosts and e-mail addresses become links, HTML passes its sanitiser,
 * a pipe splits a table's cells. Text from the API goes through `prose` (or `code`) so that it
 * cannot break a table, inject HTML or turn into a link.
 */


/**
 * A value as a code span, as given: a pipe escaped (GFM's tables split cells on it first),
 * backticks kept by a fence longer than any run of them, line breaks as spaces. A code span is
 * never autolinked.
 */
function code(value) {
    const text = value.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
    const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
}
/** Markdown's special characters escaped, line breaks as spaces: the text shows as written. */
function escapeText(value) {
    return value.replace(/[\r\n]+/g, ' ').replace(/[|<>\\`*_[\]~&]/g, (char) => `\\${char}`);
}
/**
 * What goes in code within prose: API requests (`GET /environment/\u2026/status`), what GitHub would
 * autolink (URLs, `www.` hosts, e-mail addresses), and Qovery's raw values (ids, state and kind
 * names), which prose leaves to tables and code. Requests and URLs first: they may hold the others.
 */
const RAW = new RegExp([
    String.raw `\b(?:GET|POST) /[^\s:]*[^\s:.,;!?)'\]]`,
    String.raw `https?://[^\s<>"]*[^\s<>".,;:!?)'\]]`,
    String.raw `\bwww\.[^\s<>"]*[^\s<>".,;:!?)'\]]`,
    String.raw `[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    String.raw `\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`,
    String.raw `\b(?:${[...KNOWN_STATES, ...KNOWN_ACTIONS].sort((a, b) => b.length - a.length).join('|')})\b`
].join('|'), 'g');
/** Prose (or text from the API) into Markdown: escaped, with links-to-be and raw values in code spans. */
function prose(text) {
    let out = '';
    let last = 0;
    for (const match of text.matchAll(RAW)) {
        out += escapeText(text.slice(last, match.index)) + code(match[0]);
        last = match.index + match[0].length;
    }
    return out + escapeText(text.slice(last));
}
/** `[text](url)`: a link whose URL the action built (percent-encoded, no blank, no parenthesis left open). */
function markdown_link(text, url) {
    return `[${escapeText(text)}](${url})`;
}

;// CONCATENATED MODULE: ./src/report/summary-details.ts










/** The details table's rows, `[what, detail]`, only those that carry something. */
function detailRows(report, links, force) {
    const rows = [
        ['Environment', environmentCell(report, links)],
        ['Service logs', serviceLogsCell(links)],
        ['Request', requestCell(report)],
        ['First targeted', firstTargetedCell(report)],
        ['Cancel reached', reachedOtherCell(report)],
        ['Request asked for', askedForCell(report)],
        ['How it ended', endCell(report)],
        ['Cancel request', cancelCell(report)],
        ['Environment state', stateCell(report)],
        ['Also canceled', alsoCanceledCell(report)],
        ['Still waiting', waitingCell(report)],
        ['Left alone', leftAloneCell(report)],
        ['Force', forceCell(report, force)]
    ];
    return rows.filter((row) => row[1] !== undefined);
}
function environmentCell(report, links) {
    if (report.environmentId === undefined)
        return undefined;
    const name = environmentName(report);
    const where = report.resolved === undefined ? '' : ` in ${prose(report.resolved.organization.name)} / ${prose(report.resolved.project.name)}`;
    const console = links.environment === undefined ? '' : ` \u00b7 ${markdown_link("the environment in Qovery's console", links.environment)}`;
    const deployments = links.deployments === undefined ? '' : ` \u00b7 ${markdown_link('its deployments', links.deployments)}`;
    return `${name === undefined ? '' : `**${prose(name)}** `}${code(report.environmentId)}${where}${console}${deployments}`;
}
/** Each service's logs of the deployment in Qovery's console: `[api](...) \u00b7 [worker](...)`; a service with no name by its id. */
function serviceLogsCell(links) {
    const logs = links.serviceLogs;
    if (logs === undefined)
        return undefined;
    return listed(logs.map((service) => markdown_link(service.name === '' ? service.id : service.name, service.link)), ' \u00b7 ');
}
function requestCell(report) {
    const target = report.target;
    if (target === undefined)
        return undefined;
    const how = target.alreadyEnded !== undefined
        ? 'had already ended'
        : report.missed !== undefined
            ? 'started as the request first targeted ended: the cancel reached it'
            : target.via === 'queue'
                ? 'was waiting in the queue'
                : 'was running';
    return `${idCell(target.id)} \u00b7 ${describeKindAndWho(target)} \u00b7 ${how}`;
}
/** The request the cancel first targeted, when it reached the next one instead: the first one's id, kind, and how it ended. */
function firstTargetedCell(report) {
    const missed = report.missed;
    if (missed === undefined)
        return undefined;
    const fate = missed.fate;
    const ended = fate?.state === undefined ? 'how it ended is not known' : `ended ${code(fate.state)}`;
    return `${idCell(missed.id)} \u00b7 ${describeKindAndWho(missed)} \u00b7 ${ended}${fate === undefined ? '' : `: ${prose(fate.basis)}`}`;
}
/** The request the cancel reached instead of the one deployment-request-id asked for: its id, kind, and the last state seen. */
function reachedOtherCell(report) {
    const reached = report.reachedOther;
    if (reached === undefined)
        return undefined;
    const state = reached.lastState === undefined ? '' : ` \u00b7 last seen ${code(reached.lastState)}`;
    return `${idCell(reached.id)} \u00b7 ${describeKindAndWho(reached)} \u00b7 started as the request asked for ended${state}`;
}
function idCell(id) {
    return id === undefined ? 'not named by Qovery' : code(id);
}
/** deployment-request-id, when the run failed on it: the id, and where Qovery places it. */
function askedForCell(report) {
    const cause = report.failure;
    if (cause === undefined || !('id' in cause))
        return undefined;
    const where = cause.kind === 'request-elsewhere'
        ? `Qovery places it in environment ${code(cause.otherEnvironmentId)}, not in ${code(cause.environmentId)}`
        : cause.kind === 'request-unknown'
            ? 'Qovery does not know it'
            : `neither running nor waiting in environment ${code(cause.environmentId)}`;
    return `${code(cause.id)} \u00b7 ${where}`;
}
function endCell(report) {
    const fate = report.target?.fate;
    if (fate === undefined) {
        const last = report.target?.lastState;
        return last === undefined || report.target?.alreadyEnded !== undefined
            ? undefined
            : `not ended when the step stopped: last seen ${code(last)}`;
    }
    return `${fate.state === undefined ? 'not known' : code(fate.state)}: ${prose(fate.basis)}`;
}
/** When the cancel left, Qovery's answer (a 409 with its words), and how long the request took to end after it. */
function cancelCell(report) {
    const cancel = report.cancel;
    if (cancel?.sentAt === undefined)
        return undefined;
    const answer = cancel.acceptedWith !== undefined
        ? `accepted (HTTP ${cancel.acceptedWith})`
        : cancel.conflict !== undefined
            ? `refused (409): ${prose(cancel.conflict)}`
            : cancel.refusedWith !== undefined
                ? `refused (${statusLine(cancel.refusedWith)})`
                : cancel.lastAnswer !== undefined
                    ? `not accepted (the last answer: ${cancel.lastAnswer})`
                    : 'no answer';
    const ended = report.settledAt === undefined ? '' : ` \u00b7 its end seen ${formatDuration(report.settledAt - cancel.sentAt)} later`;
    return `sent at ${time(cancel.sentAt)} UTC, ${answer}${ended}`;
}
/** The environment's state, labelled with the request it belongs to. */
/**
 * The environment's state as the last status read gave it, and what that status named: the
 * request the action acted on, the one that started next, or another one, as the status says (it
 * may lag, or name the last request that ended); a queued state under a request that ran is the
 * next request waiting. `last_deployment_state` beside it when the two differ.
 */
function stateCell(report) {
    const status = report.status;
    if (status === undefined)
        return undefined;
    const named = shownRequest(status);
    const owner = stateOwner(report, status);
    const whose = named === undefined
        ? ''
        : owner === undefined
            ? ': the next request waits to start'
            : named === report.target?.id
                ? `; the status names the request above`
                : named === report.startedNext
                    ? `; the status names request ${code(named)}, which started once it ended`
                    : `; the status names request ${code(named)}`;
    const last = typeof status.last_deployment_state === 'string' ? status.last_deployment_state : undefined;
    const lastDiffers = last !== undefined && last !== '' && last.toUpperCase() !== status.state.toUpperCase();
    return `${code(status.state)}${lastDiffers ? ` (last deployment state ${code(last)})` : ''}${whose}`;
}
function alsoCanceledCell(report) {
    const others = alsoCanceledIds(report);
    return others.length > 0 ? listed(others.map(code), ', ') : undefined;
}
function waitingCell(report) {
    const waiting = stillWaiting(report);
    if (waiting === undefined)
        return report.queueUnreadable === undefined ? undefined : `not known: ${prose(report.queueUnreadable)}`;
    if (waiting.length === 0)
        return undefined;
    return listed(waiting.map((row) => `${code(row.id)} \u00b7 ${describeKindAndWho(foundWaiting(row))}`), '<br>');
}
function leftAloneCell(report) {
    if (report.passedOver.length === 0 || report.outcome === 'nothing-to-cancel')
        return undefined;
    return listed(report.passedOver.map((request) => `${request.id === undefined ? 'the running request' : code(request.id)} \u00b7 ${describeKindAndWho(request)} \u00b7 actions: ${actionsValueFor(request.kind)} would cancel it`), '<br>');
}
/** Force only where it mattered: it was used, or a lifecycle job may be what held the cancel. */
function forceCell(report, force) {
    if (force)
        return `yes: ${code('force_cancel')} was sent, for Qovery to abort the lifecycle jobs too`;
    const held = report.outcome === 'timed-out' && isCanceling(report.target?.lastState ?? report.status?.state ?? '');
    return held ? `no: a lifecycle job may be what keeps it ${code('CANCELING')}; force: true aborts it` : undefined;
}
/** `` `DEPLOY`, triggered by `alice@example.com` from API ``. */
function describeKindAndWho(request) {
    const who = request.triggeredBy === undefined
        ? ''
        : `, triggered by ${prose(request.triggeredBy)}${request.origin === undefined ? '' : ` from ${prose(request.origin)}`}`;
    return `${request.kind === undefined ? 'kind not known' : code(request.kind.action)}${who}`;
}
/** The timeline, to the second, the date said once in its heading. */
function timelineSection(report) {
    if (report.timeline.length === 0)
        return [];
    const date = new Date(report.timeline[0].at).toISOString().slice(0, 10);
    const rows = timelineRows(report).map((row) => `| ${row.date === date ? '' : `${row.date} `}${row.time.slice(0, 8)} | ${code(row.state)} | ${row.request === undefined ? '' : code(shortId(row.request))} | ${row.lasted} |`);
    return [
        `#### Timeline (${date}, UTC)`,
        '',
        '| Time | State | Request | Lasted |',
        '|---|---|---|---|',
        ...(report.timelineDropped > 0 ? [`| \u2026 | | | ${report.timelineDropped} earlier changes not shown |`] : []),
        ...rows,
        ''
    ];
}
/**
 * The timeline's rows, each state's time lasted told by `duration`. A state the status showed is
 * labeled with the request it named, unless the run found the status's ids not to be taken at their
 * word (they disagreed with other records): then with none. A state still in progress at the end
 * lasted "up to the last read": what the reads showed, not what holds after them.
 */
function timelineRows(report, duration = seconds) {
    const labeled = report.doubts.length === 0;
    return report.timeline.map((sighting, index) => {
        // How long the state lasted for its request: until that request's next sighting.
        const later = report.timeline.slice(index + 1);
        const next = later.find((other) => other.request === sighting.request);
        // Once the status shows another request, this one's state no longer holds "so far".
        const replaced = sighting.source === 'status'
            ? later.find((other) => other.source === 'status' && other.request !== undefined && other.request !== sighting.request)
            : undefined;
        const disputed = sighting.request !== undefined && sighting.request === report.target?.id && report.target.fate?.said !== undefined;
        const lasted = next
            ? duration(next.at - sighting.at)
            : disputed
                ? "not known: Qovery's records of it disagree"
                : isFinalState(sighting.state)
                    ? 'final'
                    : replaced !== undefined
                        ? `${duration(replaced.at - sighting.at)}, until another request showed`
                        : `${duration(report.endedAt - sighting.at)} up to the last read`;
        const iso = new Date(sighting.at).toISOString();
        return {
            date: iso.slice(0, 10),
            time: iso.slice(11, 23),
            state: sighting.state,
            lasted,
            ...(sighting.request === undefined || (!labeled && sighting.source === 'status') ? {} : { request: sighting.request })
        };
    });
}
/** The timeline for the log: one line a state, to the millisecond. */
function timelineLines(report) {
    return timelineRows(report, formatDuration).map((row) => `${row.time}Z  ${row.state.padEnd(18)} ${(row.request === undefined ? '' : shortId(row.request)).padEnd(8)}  ${row.lasted}`);
}
/** A duration for the summary: `under 1s` rather than milliseconds. */
function seconds(ms) {
    return ms < 1000 ? 'under 1s' : formatDuration(ms);
}
/** `12 requests to Qovery's API \u00b7 [Workflow run](...) \u00b7 acme/shop \u00b7 @octocat \u00b7 workflow_dispatch`: the cost, and what the runner told. */
function footer(report, run) {
    return [
        `${report.apiCalls} request${report.apiCalls === 1 ? '' : 's'} to Qovery's API`,
        run.runUrl === undefined ? undefined : markdown_link('Workflow run', run.runUrl),
        run.repository === undefined ? undefined : prose(run.repository),
        run.actor === undefined ? undefined : `@${prose(run.actor)}`,
        run.event === undefined ? undefined : code(run.event)
    ]
        .filter((part) => part !== undefined)
        .join(' \u00b7 ');
}
function time(at) {
    return new Date(at).toISOString().slice(11, 19);
}

;// CONCATENATED MODULE: ./src/report/summary.ts







function renderSummary(report, context) {
    const words = OUTCOMES[report.outcome];
    return [
        `## ${words.mark} ${prose(words.headline(report, context))}`,
        '',
        lead(words.closing(report, context), context.links),
        '',
        ...servicesSection(context.services, report.target?.kind, unreadableServicesOf(report)),
        ...detailsSection(report, context)
    ].join('\n');
}
/** The closing sentence, and the one link into Qovery's console: the deployment's page, else the environment's. */
function lead(closing, links) {
    const to = links.deployment !== undefined
        ? markdown_link("See the deployment in Qovery's console", links.deployment)
        : links.environment !== undefined
            ? markdown_link("See the environment in Qovery's console", links.environment)
            : undefined;
    return `${prose(closing)}${to === undefined ? '' : ` ${to}.`}`;
}
/** Everything a reader opens only to dig: closed by default (GitHub keeps `<details>` and `<summary>`). */
function detailsSection(report, context) {
    const rows = detailRows(report, context.links, context.force);
    return [
        '<details>',
        '<summary>Details</summary>',
        '',
        ...(rows.length === 0 ? [] : ['| What | Detail |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`), '']),
        ...timelineSection(report),
        footer(report, context.run),
        '',
        '</details>',
        ''
    ];
}
/** The services shown in the summary's table, at most: a reader scans a few dozen; the output holds them all. */
const MAX_SERVICE_ROWS = 200;
/** Each service's end, as a table; `unreadable`: what the history listed that could not be read, said under it. */
function servicesSection(services, kind, unreadable) {
    if (services === undefined)
        return [];
    if ('unknown' in services)
        return [`What became of each service is not known: ${prose(services.unknown)}.`, ''];
    if (services.value.length === 0)
        return [];
    const missing = unreadable === undefined
        ? []
        : [`Not shown: what Qovery's deployment history lists in a shape the action cannot read (${prose(unreadable)}).`, ''];
    const more = services.value.length - MAX_SERVICE_ROWS;
    const rest = more > 0 ? [`And ${counted(more, 'more service')}: the services output lists them all.`, ''] : [];
    return [
        '| Stage | Service | How it ended | Version | Duration |',
        '|---|---|---|---|---|',
        ...services.value
            .slice(0, MAX_SERVICE_ROWS)
            .map((service) => `| ${prose(service.stage)} | ${serviceCell(service)} | ${END_MARKS[service.end]} ${prose(endWords(service.end, kind?.action))} | ${versionCell(service.version)} | ${service.durationMs === undefined ? '' : formatDuration(service.durationMs)} |`),
        '',
        ...rest,
        ...missing
    ];
}
/** `**api** (application)`; a service Qovery gave no name is shown by its id, a type not given is left out. */
function serviceCell(service) {
    const name = service.name === '' ? code(service.id) : `**${prose(service.name)}**`;
    return service.type === '' ? name : `${name} (${prose(service.type.toLowerCase())})`;
}
const END_MARKS = {
    canceled: '\ud83d\uded1',
    'done-before-cancel': '\u2705',
    failed: '\u274c',
    'in-progress': '\u23f3',
    'not-started': '\u23f8\ufe0f',
    unknown: '\u2754'
};
/** The version the deployment carried for the service: a commit, an image and its tag, a chart (deployed or not: see how it ended). */
function versionCell(version) {
    if (version === undefined)
        return '';
    if ('commit' in version)
        return `commit ${code(version.commit.slice(0, 12))}`;
    if ('image' in version)
        return code(`${version.image}:${version.tag}`);
    return `chart ${code(version.version === undefined ? version.chart : `${version.chart} ${version.version}`)}`;
}
/** The summary when the inputs are rejected: which, and why; nothing was sent. */
function renderInputProblems(problems) {
    return [
        `## ${OUTCOMES['invalid-input'].mark} ${INVALID_INPUT_HEADLINE}`,
        '',
        `Fix ${problems.length === 1 ? 'this input' : 'these inputs'} and run the step again.`,
        '',
        '| Input | Problem |',
        '|---|---|',
        ...problems.map((problem) => `| ${code(problem.input)} | ${prose(problem.message)} |`),
        ''
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/step-report.ts












async function reportRun(io, report, settings) {
    const links = consoleLinksOf(report);
    const services = serviceEndsOf(report);
    const outputFailure = writeOutputs(io, outputsOf(report));
    if (services !== undefined && 'value' in services)
        io.info(describeServiceEnds(services.value, report.target?.kind?.action));
    if (report.timeline.length > 0)
        io.group(`Timeline (${report.timeline.length + report.timelineDropped} state${report.timeline.length > 1 ? 's' : ''})`, timelineLines(report));
    const closing = { onTimeout: settings.onTimeout, force: settings.force, actions: settings.actions };
    const words = OUTCOMES[report.outcome];
    const title = words.title(report);
    const message = words.closing(report, closing);
    const level = words.level(settings.onTimeout);
    if (level === 'error')
        io.setFailed(message, title);
    else if (level === 'info')
        io.info(message);
    else
        io[level](message, title);
    for (const [warning, what] of warnings(report, settings))
        io.warning(warning, `${title}: ${what}`);
    if (outputFailure !== undefined) {
        io.setFailed(`The step outputs could not be written (${outputFailure}): later steps will not see outcome (${report.outcome}) or the others. The run itself ended as said above.`, `${title}: outputs not written`);
    }
    await io.writeSummary(renderSummary(report, {
        ...closing,
        queued: settings.queued,
        links,
        ...(services === undefined ? {} : { services }),
        run: await runContextOrNone(io)
    }));
}
/**
 * Invalid input: each problem as one error annotation (the last one fails the step, and says that
 * nothing was sent), the outputs a workflow can still read, and the summary.
 */
async function reportInvalidInput(io, problems) {
    const outputFailure = writeOutputs(io, outputsWithout('invalid-input'));
    const title = (problem) => `${INVALID_INPUT_TITLE}: ${problem.input}`;
    const last = problems.at(-1);
    for (const problem of problems.slice(0, -1))
        io.error(problem.message, title(problem));
    const all = problems.length > 1 ? ` Invalid inputs: ${problems.map((problem) => problem.input).join(', ')}.` : '';
    const outputs = outputFailure === undefined ? '' : ` The step outputs could not be written either (${outputFailure}).`;
    io.setFailed(`${last === undefined ? 'Invalid input.' : asSentence(last.message)}${all} No request was sent to Qovery.${outputs}`, last === undefined ? INVALID_INPUT_TITLE : title(last));
    await io.writeSummary(renderInputProblems(problems));
}
/** What else deserves a warning, `[message, what]`: the requests still waiting or started next, a status of another environment. */
function warnings(report, settings) {
    const found = [];
    if (report.statusOfOther !== undefined) {
        found.push([
            'The status Qovery answered names another environment than the one asked for (see the status-json output). The action went on with it; check api-url if this is not a mock.',
            'status of another environment'
        ]);
    }
    const waiting = report.outcome === 'nothing-to-cancel' ? [] : (stillWaiting(report) ?? []);
    if (waiting.length > 0)
        found.push([stillQueued(waiting.map(foundWaiting), report, settings), 'requests still queued']);
    if (report.startedNext !== undefined)
        found.push([startedNext(report, settings), 'next request started']);
    const reached = reachedWarning(report, settings);
    if (reached !== undefined)
        found.push([reached, 'cancel reached another request']);
    return found;
}
/**
 * The environment cancel reached the request that started as the target ended: which, and what
 * came of it; undefined when it reached none, or when the failure already says so (a kind not allowed).
 */
function reachedWarning(report, settings) {
    const why = "Qovery's environment cancel stops whatever runs when it arrives";
    const other = report.reachedOther;
    if (other !== undefined) {
        const seen = other.lastState === undefined ? '' : ` It was last seen ${stateWords(other.lastState)}.`;
        return `The cancel reached ${describeRequest(other)}, which started as the ${kindWords(report.target?.kind).noun} asked for ended: ${why}.${seen}`;
    }
    const { missed, target } = report;
    if (missed === undefined || target === undefined || report.failure?.kind === 'reached-disallowed')
        return undefined;
    const unknownKind = target.kind === undefined && settings.actions !== 'all'
        ? ` No record gave its kind: whether actions: ${describeAllowed(settings.actions)} allows it is not known.`
        : '';
    return `The cancel reached ${describeRequest(target)}, not the ${kindWords(missed.kind).noun} first targeted, which had ended as it arrived: ${why}.${unknownKind}`;
}
/** The request that started next, with its kind and why it was not canceled when it was left alone. */
function startedNext(report, settings) {
    const next = nextRequest(report);
    const leftAlone = report.passedOver.find((request) => request.id === report.startedNext);
    const started = `${capitalize(aRequest(next?.request ?? {}, 'the next'))} started once the ${kindWords(report.target?.kind).noun} had ended.`;
    if (leftAlone === undefined)
        return started;
    return `${started} It was left alone: actions: ${describeAllowed(settings.actions)} does not cancel it, and actions: ${actionsValueCovering([leftAlone.kind], settings.actions) ?? 'all'} would.`;
}
/** The warning about requests still waiting: with queued: keep, how to cancel them; with cancel, why each was not. */
function stillQueued(requests, report, settings) {
    // Entries, not a count of requests: Qovery may list one merged request under two ids.
    const count = requests.length === 1 ? 'A request still waits in the queue' : `The queue still lists ${counted(requests.length, 'entry', 'entries')}`;
    const actions = actionsValueCovering(requests.map((request) => request.kind), settings.actions);
    if (settings.queued === 'keep') {
        const them = requests.length > 1 ? 'them' : 'it';
        const how = `queued: cancel${actions === undefined ? '' : ` with actions: ${actions}`}`;
        // deployment-request-id touches no other request, and takes no queued: cancel.
        const advice = settings.deploymentRequestId === undefined
            ? `Use ${how} to cancel ${them} too.`
            : `deployment-request-id cancels only the request it names: to cancel ${them} too, run the action without it, with ${how}.`;
        return `${count} and will start next: ${listed(requests.map((request) => aRequest(request, 'a')), ', ')}. ${advice}`;
    }
    const why = (request) => {
        if (!isAllowed(request.kind, settings.actions))
            return 'of a kind actions leaves alone';
        const cancel = request.id === undefined ? undefined : report.waitingCancels.get(request.id);
        if (cancel === undefined)
            return 'queued after the cancels were sent';
        if (cancel.accepted === false)
            return `its cancel was refused (${cancel.detail})`;
        return cancel.accepted ? 'its cancel was accepted, and it still waited at the last read' : 'its cancel got no answer';
    };
    const list = listed(requests.map((request) => `${aRequest(request, 'a')}, ${why(request)}`), '; ');
    return `${count} despite queued: cancel: ${list}.${actions === undefined ? '' : ` actions: ${actions} would cancel those of a kind left alone.`}`;
}
/** Writes every output it can; the first failure, as text, or undefined when all were written. */
function writeOutputs(io, outputs) {
    let failure;
    for (const [name, value] of Object.entries(outputs)) {
        try {
            io.setOutput(name, value);
        }
        catch (error) {
            failure ??= `${name}: ${error instanceof Error ? error.message : String(error)}`;
        }
    }
    return failure;
}
/** The run's context for the summary; a summary without it beats no summary. */
async function runContextOrNone(io) {
    try {
        return await io.runContext();
    }
    catch (error) {
        io.debug(`No workflow run context for the summary: ${error instanceof Error ? error.message : String(error)}`);
        return {};
    }
}

// EXTERNAL MODULE: ./src/runner/interruptions.ts
var interruptions = __webpack_require__(6410);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./src/util/clock.ts
const systemClock = {
    // Monotonic, anchored at the process's start: an NTP step of the wall clock mid-run neither
    // stretches nor cuts the timeout. Whole milliseconds, as timers and AbortSignal.timeout want.
    now: () => Math.floor(performance.timeOrigin + performance.now()),
    wallNow: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, ms));
        signal.addEventListener('abort', onAbort, { once: true });
    })
};

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/inputs/extra-ca-certificates.ts


/**
 * Why NODE_EXTRA_CA_CERTS (a corporate CA, for a TLS-inspecting proxy) will not be trusted, or
 * undefined when it is unset or holds certificates. Node only prints its own warning on stderr
 * and goes on without it, so that every https:// request would then fail on the certificate with
 * no word of the cause in the step's annotations. `read` reads a file as text or throws.
 */
function extraCaCertificatesWarning(env, read = (path) => (0,external_node_fs_.readFileSync)(path, 'utf8')) {
    const path = env.NODE_EXTRA_CA_CERTS;
    // Node ignores an empty value too: nothing was asked for.
    if (path === undefined || path === '')
        return undefined;
    let text;
    try {
        text = read(path);
    }
    catch (error) {
        const code = error?.code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : String(code ?? error);
        return `NODE_EXTRA_CA_CERTS is "${printable(path)}", which cannot be read (${why}): Node goes on without those certificates, so a server or proxy whose certificate only they vouch for will be refused. Point it at a readable PEM file of CA certificates, or unset it.`;
    }
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
        return `NODE_EXTRA_CA_CERTS is "${printable(path)}", which holds no PEM certificate (-----BEGIN CERTIFICATE-----): Node goes on without it, so a server or proxy whose certificate it should vouch for will be refused.`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/qovery/answer-limits.ts
/**
 * How much of one answer from the API the action reads, and how it asks for it compressed. A
 * broken proxy can answer with a body that never ends, a small gzip body can decode to
 * gigabytes, and a load balancer can add long cookies: the caps keep the process's memory bounded
 * whatever comes, far above any real Qovery answer, and the undici errors they raise become one
 * clear fault (`too-large`) that no retry fixes.
 */

/**
 * The most one answer's body may hold, in bytes, once decoded: 32 MiB. The largest answers the
 * action reads are a page of 10 deployments of its history and the statuses of every service;
 * for an environment of 1,500 services, the history page as the test simulator shapes it holds
 * about 9.6 MB and the statuses 0.6 MB.
 */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/**
 * The most one answer's status line and headers may hold together, in bytes: 128 KiB, where
 * Node's default is 16 KiB and a load balancer's long cookies can pass it (curl and browsers
 * take more than 64 KiB).
 */
const MAX_HEADER_BYTES = 128 * 1024;
/** What the client asks for in Accept-Encoding; whatever undici can decode is decoded, asked for or not. */
const ACCEPTED_ENCODINGS = 'gzip, deflate, br';
/**
 * The options every undici Agent or ProxyAgent that reaches the API is built with: the caps on
 * an answer's headers and on its body as it comes over the wire (so before any decoding).
 */
function connectionLimits() {
    return { maxHeaderSize: MAX_HEADER_BYTES, maxResponseSize: MAX_ANSWER_BYTES };
}
/**
 * `dispatcher` decoding the bodies that come gzip, deflate, br (or zstd) encoded, as undici's
 * decompress interceptor does, error answers included (their `detail` is read), and failing a
 * body that decodes to more than MAX_ANSWER_BYTES: the wire cap alone would let a small gzip
 * body through.
 */
function decoding(dispatcher) {
    return dispatcher.compose(undici/* interceptors */.dY.decompress({ maxSize: MAX_ANSWER_BYTES, skipErrorResponses: false }));
}
/** The `too-large` fault for undici's errors of the caps (its codes), or undefined for any other error. */
function limitFault(error) {
    const code = error?.code;
    if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE')
        return { kind: 'too-large', part: 'body', limitBytes: MAX_ANSWER_BYTES };
    if (code === 'UND_ERR_HEADERS_OVERFLOW')
        return { kind: 'too-large', part: 'headers', limitBytes: MAX_HEADER_BYTES };
    return undefined;
}

;// CONCATENATED MODULE: ./src/qovery/bodies.ts


function objectOf(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
/** The lists of EnvironmentStatuses (getEnvironmentStatuses) and the ServiceTypeEnum name of their services. */
const SERVICE_LISTS = {
    applications: 'APPLICATION',
    containers: 'CONTAINER',
    jobs: 'JOB',
    databases: 'DATABASE',
    helms: 'HELM',
    terraforms: 'TERRAFORM',
    agentic_workflows: 'AGENTIC_WORKFLOW'
};
/**
 * `GET /environment/{id}`: an Environment (getEnvironment) with its id, name, organization.id
 * and project.id, ids lower-cased; mode and cluster_name when they are text. Undefined when one
 * of the four is missing.
 */
function environmentDetails(body) {
    const environment = objectOf(body);
    const id = textOf(environment?.id);
    const name = textOf(environment?.name);
    const organizationId = textOf(objectOf(environment?.organization)?.id);
    const projectId = textOf(objectOf(environment?.project)?.id);
    if (id === undefined || name === undefined || organizationId === undefined || projectId === undefined)
        return undefined;
    return compact({
        id: id.toLowerCase(),
        name,
        organizationId: organizationId.toLowerCase(),
        projectId: projectId.toLowerCase(),
        mode: textOf(environment?.mode),
        clusterName: textOf(environment?.cluster_name)
    });
}
/**
 * `GET /environment/{id}/statuses`: EnvironmentStatuses (getEnvironmentStatuses) flattened in the
 * lists' order, each Status typed by its list. A missing list is empty. Undefined when the body
 * is not an object, a list is not an array, or an item has no id or state.
 */
function serviceStatuses(body) {
    const statuses = objectOf(body);
    if (statuses === undefined)
        return undefined;
    const lists = Object.entries(SERVICE_LISTS).map(([list, type]) => ({ type, items: statuses[list] ?? [] }));
    if (!lists.every(({ items }) => Array.isArray(items) && items.every(isStatus)))
        return undefined;
    return lists.flatMap(({ type, items }) => items.map((item) => serviceStatus(type, item)));
}
function isStatus(item) {
    const status = objectOf(item);
    return textOf(status?.id) !== undefined && textOf(status?.state) !== undefined;
}
/** A Status whose id and state were checked. */
function serviceStatus(type, item) {
    const details = objectOf(item.status_details);
    return compact({
        id: item.id.toLowerCase(),
        type,
        state: item.state,
        action: textOf(details?.action),
        deploymentRequestId: textOf(item.deployment_request_id)?.toLowerCase(),
        executionId: textOf(item.execution_id),
        isPartOfLastDeployment: typeof item.is_part_last_deployment === 'boolean' ? item.is_part_last_deployment : undefined
    });
}
/** Whether a deploymentHistoryV2 result has what an entry needs: identifier.execution_id and status. */
function isHistoryEntry(item) {
    const entry = objectOf(item);
    const identifier = objectOf(entry?.identifier);
    return textOf(identifier?.execution_id) !== undefined && textOf(entry?.status) !== undefined;
}
/**
 * A DeploymentHistoryEnvironmentV2 (listEnvironmentDeploymentHistoryV2) that passed isHistoryEntry. What cannot be
 * read inside it is left out rather than failing, and said in `unreadable`: stages that are not
 * a list (missing, null, an object) or not objects, a stage's services that are not a list,
 * services without identifier.service_id. So an entry whose services could not be read is never
 * taken for a deployment that touched none. Service ids come lower-cased; execution ids as given
 * (they are not UUIDs, and the status's last_deployment_id they are compared with is passed on
 * as given too).
 */
function historyEntry(value) {
    const item = value;
    const identifier = objectOf(item.identifier);
    const auditing = objectOf(item.auditing_data);
    const listed = Array.isArray(item.stages) ? item.stages.map((stage) => objectOf(stage)) : [];
    const stages = listed.flatMap((stage) => (stage === undefined ? [] : [historyStage(stage)]));
    const unreadable = [
        Array.isArray(item.stages) ? undefined : `stages is ${kindOf(item.stages)}, not a list`,
        countedOrNone(listed.length - stages.length, 'stage is not an object', 'stages are not objects'),
        countedOrNone(stages.filter((stage) => !stage.listed).length, "stage's services are not a list", "stages' services are not lists"),
        countedOrNone(stages.reduce((sum, stage) => sum + stage.unreadable, 0), 'service has no identifier.service_id', 'services have no identifier.service_id')
    ].filter((part) => part !== undefined);
    return compact({
        executionId: identifier?.execution_id,
        state: item.status,
        action: textOf(item.trigger_action),
        triggeredBy: textOf(auditing?.triggered_by),
        origin: textOf(auditing?.origin),
        createdAt: textOf(auditing?.created_at),
        duration: textOf(item.total_duration),
        stages: stages.map((stage) => stage.stage),
        unreadable: unreadable.length === 0 ? undefined : unreadable.join('; ')
    });
}
/** What a JSON value is, in words: `null`, `missing`, `an object`, `a string`... */
function kindOf(value) {
    if (value === undefined)
        return 'missing';
    if (value === null)
        return 'null';
    return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
/** `1 stage is not an object`, `2 stages are not objects`; undefined for none. */
function countedOrNone(count, one, many) {
    return count === 0 ? undefined : counted(count, one, many);
}
/**
 * A stage: its name ('' when Qovery gives none) and the services that have a service_id; whether
 * its services came as a list, and how many of them could not be read.
 */
function historyStage(stage) {
    const listed = Array.isArray(stage.services);
    const services = (listed ? stage.services : []).map((service) => objectOf(service));
    const read = services.flatMap((service) => (service === undefined ? [] : historyService(service)));
    return {
        stage: compact({ name: textOf(stage.name) ?? '', status: textOf(stage.status), duration: textOf(stage.duration), services: read }),
        listed,
        unreadable: services.length - read.length
    };
}
/** A DeploymentHistoryService; none without identifier.service_id. Name, type and state are '' when absent. */
function historyService(service) {
    const identifier = objectOf(service.identifier);
    const id = textOf(identifier?.service_id);
    if (id === undefined)
        return [];
    const type = textOf(identifier?.service_type) ?? '';
    return [
        compact({
            id: id.toLowerCase(),
            name: textOf(identifier?.name) ?? '',
            type,
            state: textOf(service.status) ?? '',
            action: textOf(objectOf(service.status_details)?.action),
            version: versionOf(type, service.details),
            duration: textOf(service.total_duration)
        })
    ];
}
/**
 * What the service was given to run, by its type: an application's commit; a container's or a
 * job's image and tag (a job built from git without them: its commit); a helm chart and its
 * version, or its commit. Other types, and details without these fields, have none.
 */
function versionOf(type, value) {
    const details = objectOf(value);
    const commit = objectOf(details?.commit);
    const commitId = textOf(commit?.git_commit_id);
    const byCommit = commitId === undefined ? undefined : compact({ commit: commitId, message: textOf(commit?.message) });
    const image = textOf(details?.image_name);
    const tag = textOf(details?.tag);
    const byImage = image === undefined || tag === undefined ? undefined : { image, tag };
    const repository = objectOf(details?.repository);
    const chart = textOf(repository?.chart_name);
    const byChart = chart === undefined ? undefined : compact({ chart, version: textOf(repository?.chart_version) });
    switch (type.toUpperCase()) {
        case 'APPLICATION':
            return byCommit;
        case 'CONTAINER':
            return byImage;
        case 'JOB':
            return byImage ?? byCommit;
        case 'HELM':
            return byChart ?? byCommit;
        default:
            return undefined;
    }
}

;// CONCATENATED MODULE: ./src/qovery/client.ts




const STATUS_REQUIRED_FIELDS = ['id', 'state', 'last_deployment_state'];
/**
 * The one HTTP client of the Qovery API: one attempt per call, faults as RequestFailed. It asks
 * for compressed answers and decodes them, within the caps of answer-limits.ts.
 */
class QoveryClient {
    #sent = 0;
    /** Whether the API has answered any request yet: a host that does not resolve before then is likely a wrong one. */
    #answered = false;
    #dispatcher;
    options;
    constructor(options) {
        this.options = options;
        this.#dispatcher = decoding(options.dispatcher);
    }
    get requestCount() {
        return this.#sent;
    }
    async getStatus(environmentId, signal) {
        return parseStatus(await this.read(`environment/${encodeURIComponent(environmentId)}/status`, signal));
    }
    listOrganizations(signal) {
        return this.list('organization', signal);
    }
    listProjects(organizationId, signal) {
        return this.list(`organization/${encodeURIComponent(organizationId)}/project`, signal);
    }
    listEnvironments(projectId, signal) {
        return this.list(`project/${encodeURIComponent(projectId)}/environment`, signal);
    }
    async cancelDeployment(environmentId, force, signal) {
        const path = `environment/${encodeURIComponent(environmentId)}/cancelDeployment`;
        const answer = await this.send('POST', path, JSON.stringify({ force_cancel: force }), signal);
        const verdict = cancelVerdict(answer);
        if (!verdict.accepted)
            return verdict;
        const status = statusOrUndefined(answer);
        return status === undefined ? verdict : { ...verdict, status };
    }
    async cancelRequest(deploymentRequestId, signal) {
        const answer = await this.send('POST', `deploymentQueue/${encodeURIComponent(deploymentRequestId)}/cancelDeployment`, '{}', signal);
        return cancelVerdict(answer);
    }
    async getQueue(environmentId, signal) {
        const answer = await this.read(`environment/${encodeURIComponent(environmentId)}/deploymentQueue`, signal);
        return resultsOf(answer, (item) => typeof field(item, 'identifier', 'deployment_request_id') === 'string', 'not a list of queued requests with identifier.deployment_request_id').map(waitingRequest);
    }
    async getRequestStatus(deploymentRequestId, signal) {
        const answer = await this.send('GET', `environment/deploymentStatus?deploymentRequestId=${encodeURIComponent(deploymentRequestId)}`, undefined, signal);
        // 404: Qovery does not know the request. 405 or 501: no lookup here (a proxy, an older API).
        if (NO_ANSWER_FROM_LOOKUP.includes(answer.status)) {
            const detail = errorDetail(answer.text);
            return { found: false, detail: `HTTP ${answer.status}${detail === undefined ? '' : `: ${detail}`}` };
        }
        if (answer.status !== 200)
            throw httpFailure(answer);
        // Every field of EnvDeploymentStatus is optional: an answer without a state tells nothing.
        const body = parseJson(answer);
        const state = body?.status;
        if (typeof state !== 'string' || state === '') {
            throw new RequestFailed({ kind: 'bad-body', status: answer.status, reason: 'not an EnvDeploymentStatus with a status' }, answer.request);
        }
        const environmentId = body?.environment_id;
        return typeof environmentId === 'string' && environmentId !== '' ? { found: true, state, environmentId } : { found: true, state };
    }
    /**
     * `GET /environment/{id}` (getEnvironment), read by environmentDetails. A body without id,
     * name, organization.id and project.id is a bad-body RequestFailed; an HTTP error, an 'http' one.
     */
    async getEnvironment(environmentId, signal) {
        const answer = await this.read(`environment/${encodeURIComponent(environmentId)}`, signal);
        const details = environmentDetails(parseJson(answer));
        if (details === undefined)
            throw badBody(answer, 'not an Environment with id, name, organization.id and project.id');
        return details;
    }
    /**
     * `GET /environment/{id}/statuses` (getEnvironmentStatuses), read by serviceStatuses: each service,
     * typed by its list. A list that is not one, or an item without id and state, is a bad body.
     */
    async getServiceStatuses(environmentId, signal) {
        const answer = await this.read(`environment/${encodeURIComponent(environmentId)}/statuses`, signal);
        const statuses = serviceStatuses(parseJson(answer));
        if (statuses === undefined)
            throw badBody(answer, 'not EnvironmentStatuses with lists of statuses with id and state');
        return statuses;
    }
    /**
     * `GET /environment/{id}/deploymentHistoryV2?pageSize=N` (listEnvironmentDeploymentHistoryV2): the last `pageSize`
     * deployments (a whole number from 1), newest first as Qovery lists them, read by historyEntry.
     * An entry without identifier.execution_id or status is a bad body; inside one, what cannot be
     * read is left out.
     */
    async getDeploymentHistory(environmentId, pageSize, signal) {
        const path = `environment/${encodeURIComponent(environmentId)}/deploymentHistoryV2?pageSize=${encodeURIComponent(String(pageSize))}`;
        const answer = await this.read(path, signal);
        return resultsOf(answer, isHistoryEntry, 'not a list of deployments with identifier.execution_id and status').map(historyEntry);
    }
    /** A GET that must answer 200: any other status is an HTTP fault. */
    async read(path, signal) {
        const answer = await this.send('GET', path, undefined, signal);
        if (answer.status !== 200)
            throw httpFailure(answer);
        return answer;
    }
    async send(method, path, body, signal) {
        const url = new URL(path, this.options.baseUrl);
        const label = `${method} ${url.pathname}`;
        if (signal.aborted)
            throw stopped(signal, false);
        const started = this.options.now();
        // No request leaves once the timeout input has run out, whoever asks for it.
        if (started >= this.options.deadline)
            throw new RequestFailed({ kind: 'timeout', afterMs: 0, atDeadline: true, notSent: true }, label);
        const limitMs = Math.min(this.options.requestTimeoutMs, this.options.deadline - started);
        const timeout = AbortSignal.timeout(limitMs);
        this.#sent += 1;
        try {
            const response = await this.#dispatcher.request({
                origin: url.origin,
                path: `${url.pathname}${url.search}`,
                method,
                signal: AbortSignal.any([signal, timeout]),
                headers: {
                    authorization: this.options.authorization,
                    accept: 'application/json',
                    'accept-encoding': ACCEPTED_ENCODINGS,
                    'user-agent': this.options.userAgent,
                    ...(body === undefined ? {} : { 'content-type': 'application/json' })
                },
                ...(body === undefined ? {} : { body })
            });
            this.#answered = true;
            const text = await this.#bodyOf(response, method, label);
            this.options.debug(`${label} -> ${response.statusCode} in ${this.options.now() - started}ms`);
            const answer = { request: label, status: response.statusCode, text };
            const retryAfter = header(response.headers, 'retry-after');
            if (retryAfter !== undefined)
                answer.retryAfter = retryAfter;
            return answer;
        }
        catch (error) {
            if (signal.aborted)
                throw stopped(signal, true);
            const fault = timeout.aborted
                ? { kind: 'timeout', afterMs: limitMs, ...(limitMs < this.options.requestTimeoutMs ? { atDeadline: true } : {}) }
                : (limitFault(error) ?? networkFault(error, this.#answered));
            this.options.debug(`${label} -> failed in ${this.options.now() - started}ms: ${fault.kind}`);
            throw new RequestFailed(fault, label);
        }
    }
    /**
     * The answer's body as text. A cancel answered 2xx is accepted by its status alone: should its
     * body then fail to come whole (over the cap, cut short), the answer stands, bodiless, rather
     * than a fault that would have the cancel sent again or reported as not confirmed.
     */
    async #bodyOf(response, method, label) {
        if (method === 'GET' || response.statusCode < 200 || response.statusCode > 299)
            return response.body.text();
        try {
            return await response.body.text();
        }
        catch (error) {
            this.options.debug(`${label} -> ${response.statusCode}, its body not read whole (${error instanceof Error ? error.message : String(error)})`);
            return '';
        }
    }
    /** The list endpoints answer `{"results": [{"id", "name", ...}]}`. */
    async list(path, signal) {
        const results = resultsOf(await this.read(path, signal), (item) => typeof item.id === 'string' && typeof item.name === 'string', 'not a list of results with id and name');
        return results.map((item) => ({ id: item.id, name: item.name }));
    }
}
/** 409 refuses; any 2xx accepts; anything else is a failure. */
function cancelVerdict(answer) {
    if (answer.status === 409) {
        const detail = errorDetail(answer.text);
        return detail === undefined ? { accepted: false } : { accepted: false, detail };
    }
    if (answer.status < 200 || answer.status > 299)
        throw httpFailure(answer);
    return { accepted: true, httpStatus: answer.status };
}
/**
 * `{"results": [...]}`. The spec makes `results` optional, so an object without it is an empty
 * list; a body that is not an object, or items of the wrong shape, are unusable.
 */
function resultsOf(answer, valid, expected) {
    const body = parseJson(answer);
    const results = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body.results ?? []) : undefined;
    if (!Array.isArray(results) ||
        !results.every((item) => typeof item === 'object' && item !== null && valid(item))) {
        throw badBody(answer, expected);
    }
    return results;
}
function badBody(answer, reason) {
    return new RequestFailed({ kind: 'bad-body', status: answer.status, reason }, answer.request);
}
function field(item, outer, inner) {
    const value = item[outer];
    return typeof value === 'object' && value !== null ? value[inner] : undefined;
}
function waitingRequest(item) {
    const request = { id: field(item, 'identifier', 'deployment_request_id').toLowerCase() };
    const triggeredBy = field(item, 'auditing_data', 'triggered_by');
    const origin = field(item, 'auditing_data', 'origin');
    if (typeof triggeredBy === 'string' && triggeredBy !== '')
        request.triggeredBy = triggeredBy;
    if (typeof origin === 'string' && origin !== '')
        request.origin = origin;
    if (typeof item.trigger_action === 'string' && item.trigger_action !== '')
        request.action = item.trigger_action;
    return request;
}
/** The environment cancel's body, when it is an EnvironmentStatus; never a reason to fail. */
function statusOrUndefined(answer) {
    try {
        return parseStatus(answer);
    }
    catch {
        return undefined;
    }
}
const NO_ANSWER_FROM_LOOKUP = [404, 405, 501];
function httpFailure(answer) {
    const fault = { kind: 'http', status: answer.status };
    const detail = errorDetail(answer.text);
    if (detail !== undefined)
        fault.detail = detail;
    if (answer.retryAfter !== undefined)
        fault.retryAfter = answer.retryAfter;
    return new RequestFailed(fault, answer.request);
}
/** A 2xx body that is not JSON is a fault worth retrying: a proxy's page, a cut connection. */
function parseJson(answer) {
    try {
        return JSON.parse(answer.text);
    }
    catch {
        const start = answer.text.trimStart().slice(0, 1);
        const reason = answer.text.trim() === ''
            ? 'it is empty'
            : start === '<'
                ? 'it is HTML, not JSON (a proxy or gateway page?)'
                : 'it is not valid JSON (cut short?)';
        throw new RequestFailed({ kind: 'bad-body', status: answer.status, reason }, answer.request);
    }
}
/** The required fields must be there; every other field, and any state name, is taken as it comes. */
function parseStatus(answer) {
    const value = parseJson(answer);
    const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
    const missing = STATUS_REQUIRED_FIELDS.filter((field) => typeof record?.[field] !== 'string' || record[field] === '');
    if (record === undefined || missing.length > 0) {
        throw new RequestFailed({ kind: 'bad-body', status: answer.status, reason: `not an Records.EnvironmentStatus (missing ${missing.join(', ')})` }, answer.request);
    }
    return record;
}
/**
 * Why a request was stopped by its caller's signal: the run's interruption (cutting a request on
 * its way when `during`), or the error the caller aborted with (a read's budget spent), as it is.
 */
function stopped(signal, during) {
    const reason = signal.reason;
    if (reason instanceof interrupted/* Interrupted */.j)
        return during ? new interrupted/* Interrupted */.j(reason.signalName, true) : reason;
    return reason instanceof Error && reason.name !== 'AbortError' ? reason : new interrupted/* Interrupted */.j('an abort', during);
}
function header(headers, name) {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}
/** Qovery's error bodies look like {"status":404,"error":"Not Found","detail":"..."}. */
function errorDetail(text) {
    try {
        const body = JSON.parse(text);
        for (const field of ['detail', 'message', 'error']) {
            const value = body?.[field];
            if (typeof value === 'string' && value.trim() !== '')
                return value.trim().slice(0, 500);
        }
    }
    catch {
        // Not JSON: a proxy's page says nothing the status code does not.
    }
    return undefined;
}
/** A failure of the network as a fault; `answered`: whether the API had answered a request of the run before. */
function networkFault(error, answered) {
    const cause = error?.cause;
    const own = error;
    const code = typeof own?.code === 'string' ? own.code : typeof cause?.code === 'string' ? cause.code : 'ERR_NETWORK';
    const message = typeof cause?.message === 'string' ? cause.message : typeof own?.message === 'string' ? own.message : String(error);
    return answered ? { kind: 'network', code, message } : { kind: 'network', code, message, beforeAnyAnswer: true };
}

;// CONCATENATED MODULE: ./src/util/version.ts
/** Sent as User-Agent, so that Qovery can tell this action's requests apart. */
const VERSION = '1.0.0';
const USER_AGENT = `qovery-cancel-deployment/${VERSION}`;

;// CONCATENATED MODULE: ./src/runtime.ts







/**
 * The action's dependencies on a GitHub runner: the process, its signals (`interruptions`), the
 * network. Builds nothing that can fail on the runner's
 * environment: the network agents come with the client, once the settings (the proxy variables
 * included) have been checked and can be reported on.
 */
function githubRuntime(interruptions) {
    const io = githubIO();
    const dispatchers = [];
    return {
        deps: {
            io,
            clock: systemClock,
            signal: interruptions.signal,
            random: Math.random,
            createApi: (settings, deadline) => {
                // Here, once the token is masked and the inputs are known good: the first request is next.
                const certificates = extraCaCertificatesWarning(process.env);
                if (certificates !== undefined)
                    io.warning(certificates, 'NODE_EXTRA_CA_CERTS not used');
                const dispatcher = dispatcherFor(settings.proxy, (line) => io.info(line));
                dispatchers.push(dispatcher);
                return qoveryClient(settings, deadline, dispatcher, (line) => io.debug(line));
            }
        },
        async dispose() {
            await Promise.all(dispatchers.map((dispatcher) => dispatcher.destroy()));
            interruptions.release();
            // Everything is closed, so the process ends by itself; should anything still hold it after
            // an interruption, the runner's next signal must not find it waiting.
            if (interruptions.signal.aborted)
                setTimeout(() => process.exit(process.exitCode ?? 1), 500).unref();
        }
    };
}
/**
 * The run's one client of the Qovery API, sending through `dispatcher`; no request leaves at or
 * after `deadline`, nor outlives it, on the clock `now` (ms, the deadline's).
 */
function qoveryClient(settings, deadline, dispatcher, debug, now = systemClock.now) {
    return new QoveryClient({
        baseUrl: settings.apiUrl,
        authorization: settings.authorization.header,
        requestTimeoutMs: settings.requestTimeoutMs,
        deadline,
        dispatcher,
        userAgent: USER_AGENT,
        debug,
        now
    });
}
/**
 * The agent for a route, with the caps on an answer's headers and body (connectionLimits); the
 * one place the action's agents are built (in-process tests build theirs here too). Through a
 * proxy, an https:// API is reached in a CONNECT tunnel, with TLS to the API host inside it and
 * its certificate checked; `info` says which proxy. The Proxy-Authorization goes in as a token,
 * already encoded, so that undici never decodes the credentials itself (it would throw on a raw `%`).
 */
function dispatcherFor(route, info) {
    if (route.route === 'direct')
        return new undici/* Agent */.g6(connectionLimits());
    info(`Requests go through the proxy ${route.url.origin} (from ${route.variable}${route.authorization === undefined ? '' : ', with its credentials'})`);
    return new undici/* ProxyAgent */.kT({
        uri: route.url.href,
        ...connectionLimits(),
        ...(route.authorization === undefined ? {} : { token: route.authorization })
    });
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The action, wired: the inputs read once into settings, the run's phases, the report. Its
 * dependencies come once, from the caller (the tests), or from the runner (local-action and the
 * entry point).
 */







/**
 * The action on `deps`; without them (as @github/local-action calls it), on the GitHub runner's:
 * @actions/core, the process's signals, the network.
 */
async function run(deps) {
    return deps === undefined ? runOnRunner(catchInterruptions()) : act(deps);
}
/** The action on a GitHub runner, stopped by `interruptions` (the entry point's are caught from its first moment). */
async function runOnRunner(interruptions) {
    const runtime = githubRuntime(interruptions);
    try {
        return await act(runtime.deps);
    }
    finally {
        await runtime.dispose();
    }
}
async function act({ io, clock, signal, random, createApi }) {
    maskToken(io);
    let settings;
    try {
        settings = readSettings((name) => io.getInput(name));
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        return reportInvalidInput(io, error.problems);
    }
    io.group('Settings', settingsLines(settings));
    // The timeout counts from here: it bounds the whole run, finding the environment included.
    const deadline = clock.now() + settings.timeoutMs;
    io.debug(`Deadline: ${new Date(deadline).toISOString()} (timeout ${formatDuration(settings.timeoutMs)} from the start; no request is sent after it)`);
    const report = await cancelAndWait(settings, deadline, {
        api: createApi(settings, deadline),
        clock,
        signal,
        random,
        log: (line) => io.info(line),
        group: (name, lines) => io.group(name, lines)
    });
    await reportRun(io, report, settings);
}
/** The credential is masked before anything else can print it, even when other inputs are bad. */
function maskToken(io) {
    const token = io.getInput('token').trim();
    if (token !== '' && !isSchemeOnly(token))
        for (const secret of secretsOf(token, authorizationFor(token)))
            io.setSecret(secret);
}

;// CONCATENATED MODULE: ./src/step.ts



/**
 * The step on a runner, with the runner's interruptions caught from the start (or why they could
 * not be). Whatever escapes run(), the runtime's set-up included, still ends the step with
 * outputs, a summary and a message, never with a bare stack trace.
 */
async function runStep(fromStart) {
    const reportCrash = crashReporter(githubIO);
    const crashAndExit = (error) => {
        // Node would end the process here: the report first, then the same exit.
        void reportCrash(error).finally(() => process.exit(1));
    };
    process.on('uncaughtException', crashAndExit);
    process.on('unhandledRejection', crashAndExit);
    try {
        if ('error' in fromStart)
            throw fromStart.error;
        await runOnRunner(fromStart.interruptions);
    }
    catch (error) {
        await reportCrash(error);
    }
}


/***/ })

};
