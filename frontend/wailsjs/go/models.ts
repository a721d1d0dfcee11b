export namespace desktop {
	
	export enum ErrorCode {
	    AccountDisabled = "account_disabled",
	    AlreadySetUp = "already_set_up",
	    BadCredentials = "bad_credentials",
	    BadRequest = "bad_request",
	    Busy = "busy",
	    Cancelled = "cancelled",
	    CodeExpired = "code_expired",
	    CodeUsed = "code_used",
	    DecryptFailed = "decrypt_failed",
	    DeviceNotFound = "device_not_found",
	    Exists = "exists",
	    FileNotFound = "file_not_found",
	    FolderInUse = "folder_in_use",
	    Forbidden = "forbidden",
	    Internal = "internal",
	    InvalidInput = "invalid_input",
	    InvalidSetting = "invalid_setting",
	    KeyringUnavailable = "keyring_unavailable",
	    LastAdministrator = "last_administrator",
	    LastDecrypter = "last_decrypter",
	    LoginChallengeExpired = "login_challenge_expired",
	    MalformedSealedValue = "malformed_sealed_value",
	    NeedsRegrant = "needs_regrant",
	    NoKeyPair = "no_key_pair",
	    NoPhone = "no_phone",
	    NoStore = "no_store",
	    NotAPerson = "not_a_person",
	    NotFound = "not_found",
	    NotSetUp = "not_set_up",
	    PasswordCommon = "password_common",
	    PasswordRequired = "password_required",
	    PasswordTooShort = "password_too_short",
	    PersonNotFound = "person_not_found",
	    ReadOnly = "read_only",
	    SecondFactorRequired = "second_factor_required",
	    SmsAuth = "sms_auth",
	    SmsInvalidNumber = "sms_invalid_number",
	    SmsInvalidSender = "sms_invalid_sender",
	    SmsInvalidSettings = "sms_invalid_settings",
	    SmsNetwork = "sms_network",
	    SmsNotConfigured = "sms_not_configured",
	    SmsOnly = "sms_only",
	    SmsProviderError = "sms_provider_error",
	    SmsTimeout = "sms_timeout",
	    StoreExists = "store_exists",
	    Throttled = "throttled",
	    TooManyCodes = "too_many_codes",
	    TooManyTries = "too_many_tries",
	    TotpNotEnrolled = "totp_not_enrolled",
	    TotpUnreadable = "totp_unreadable",
	    Unauthenticated = "unauthenticated",
	    UnknownChallenge = "unknown_challenge",
	    UnknownFlow = "unknown_flow",
	    UnknownType = "unknown_type",
	    UnsupportedVersion = "unsupported_version",
	    UserNotFound = "user_not_found",
	    UsernameTaken = "username_taken",
	    WrongCode = "wrong_code",
	}
	export enum EventName {
	    ExportProgress = "export:progress",
	    ImportProgress = "import:progress",
	    IndexProgress = "index:progress",
	    RetentionDone = "retention:done",
	    RetentionProgress = "retention:progress",
	    SessionLocked = "session:locked",
	    StoreChanged = "store:changed",
	}
	export class SessionInfo {
	    userId: string;
	    username: string;
	    roles: string[];
	    idleLockMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new SessionInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.userId = source["userId"];
	        this.username = source["username"];
	        this.roles = source["roles"];
	        this.idleLockMinutes = source["idleLockMinutes"];
	    }
	}
	export class AppState {
	    storeExists: boolean;
	    setUp: boolean;
	    orgName: string;
	    lang: string;
	    session?: SessionInfo;
	
	    static createFrom(source: any = {}) {
	        return new AppState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.storeExists = source["storeExists"];
	        this.setUp = source["setUp"];
	        this.orgName = source["orgName"];
	        this.lang = source["lang"];
	        this.session = this.convertValues(source["session"], SessionInfo);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AreaCount {
	    area: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new AreaCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.area = source["area"];
	        this.count = source["count"];
	    }
	}
	export class ErasureChange {
	    type: string;
	    typeLabelSv: string;
	    typeLabelEn: string;
	    id: string;
	    field: string;
	    action: string;
	    before: string;
	    after: string;
	
	    static createFrom(source: any = {}) {
	        return new ErasureChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.typeLabelSv = source["typeLabelSv"];
	        this.typeLabelEn = source["typeLabelEn"];
	        this.id = source["id"];
	        this.field = source["field"];
	        this.action = source["action"];
	        this.before = source["before"];
	        this.after = source["after"];
	    }
	}
	export class ErasurePlan {
	    query: string;
	    kind: string;
	    word: string;
	    values: search.ValueChoice[];
	    changes: ErasureChange[];
	    records: number;
	    people: number;
	    blocked: boolean;
	    remaining: number;
	
	    static createFrom(source: any = {}) {
	        return new ErasurePlan(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.query = source["query"];
	        this.kind = source["kind"];
	        this.word = source["word"];
	        this.values = this.convertValues(source["values"], search.ValueChoice);
	        this.changes = this.convertValues(source["changes"], ErasureChange);
	        this.records = source["records"];
	        this.people = source["people"];
	        this.blocked = source["blocked"];
	        this.remaining = source["remaining"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TypeCount {
	    type: string;
	    area: string;
	    labelSv: string;
	    labelEn: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new TypeCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.area = source["area"];
	        this.labelSv = source["labelSv"];
	        this.labelEn = source["labelEn"];
	        this.count = source["count"];
	    }
	}
	export class ExportResult {
	    path: string;
	    total: number;
	    types: TypeCount[];
	
	    static createFrom(source: any = {}) {
	        return new ExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.total = source["total"];
	        this.types = this.convertValues(source["types"], TypeCount);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FieldProblem {
	    field: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.message = source["message"];
	    }
	}
	export class FieldRef {
	    path: string;
	    labelSv: string;
	    labelEn: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldRef(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.labelSv = source["labelSv"];
	        this.labelEn = source["labelEn"];
	    }
	}
	export class FirstRunInput {
	    orgName: string;
	    lang: string;
	    username: string;
	    name: string;
	    email: string;
	    password: string;
	
	    static createFrom(source: any = {}) {
	        return new FirstRunInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.orgName = source["orgName"];
	        this.lang = source["lang"];
	        this.username = source["username"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.password = source["password"];
	    }
	}
	export class ImportProblem {
	    file: string;
	    line: number;
	    field: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.line = source["line"];
	        this.field = source["field"];
	        this.message = source["message"];
	    }
	}
	export class ImportResult {
	    total: number;
	    types: TypeCount[];
	    problems: ImportProblem[];
	
	    static createFrom(source: any = {}) {
	        return new ImportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.types = this.convertValues(source["types"], TypeCount);
	        this.problems = this.convertValues(source["problems"], ImportProblem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class IndexCheck {
	    ok: boolean;
	    problems: string[];
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new IndexCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.problems = source["problems"];
	        this.count = source["count"];
	    }
	}
	export class InventoryStepUpInfo {
	    asks: boolean;
	    openUntil: string;
	
	    static createFrom(source: any = {}) {
	        return new InventoryStepUpInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.asks = source["asks"];
	        this.openUntil = source["openUntil"];
	    }
	}
	export class JobCount {
	    name: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new JobCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.count = source["count"];
	    }
	}
	export class LoginSecondFactorInfo {
	    username: string;
	    totp: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LoginSecondFactorInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.username = source["username"];
	        this.totp = source["totp"];
	    }
	}
	export class MyTwoFactor {
	    devices: twofactor.Device[];
	    totpEnrolled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new MyTwoFactor(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.devices = this.convertValues(source["devices"], twofactor.Device);
	        this.totpEnrolled = source["totpEnrolled"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NewUserInput {
	    username: string;
	    name: string;
	    email: string;
	    password: string;
	    roles: string[];
	
	    static createFrom(source: any = {}) {
	        return new NewUserInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.username = source["username"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.password = source["password"];
	        this.roles = source["roles"];
	    }
	}
	export class SnippetPart {
	    text: string;
	    mark: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SnippetPart(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.mark = source["mark"];
	    }
	}
	export class SearchHit {
	    type: string;
	    typeLabelSv: string;
	    typeLabelEn: string;
	    recordSv: string;
	    recordEn: string;
	    id: string;
	    field: string;
	    fieldLabelSv: string;
	    fieldLabelEn: string;
	    snippet: SnippetPart[];
	    match: string;
	    value: string;
	    corrected: string[];
	    own: boolean;
	    linkTo: string;
	    withheld: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SearchHit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.typeLabelSv = source["typeLabelSv"];
	        this.typeLabelEn = source["typeLabelEn"];
	        this.recordSv = source["recordSv"];
	        this.recordEn = source["recordEn"];
	        this.id = source["id"];
	        this.field = source["field"];
	        this.fieldLabelSv = source["fieldLabelSv"];
	        this.fieldLabelEn = source["fieldLabelEn"];
	        this.snippet = this.convertValues(source["snippet"], SnippetPart);
	        this.match = source["match"];
	        this.value = source["value"];
	        this.corrected = source["corrected"];
	        this.own = source["own"];
	        this.linkTo = source["linkTo"];
	        this.withheld = source["withheld"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PersonGroup {
	    type: string;
	    typeLabelSv: string;
	    typeLabelEn: string;
	    id: string;
	    identifiers: string[];
	    match: string;
	    hits: SearchHit[];
	
	    static createFrom(source: any = {}) {
	        return new PersonGroup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.typeLabelSv = source["typeLabelSv"];
	        this.typeLabelEn = source["typeLabelEn"];
	        this.id = source["id"];
	        this.identifiers = source["identifiers"];
	        this.match = source["match"];
	        this.hits = this.convertValues(source["hits"], SearchHit);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PhoneStepUpInfo {
	    asks: boolean;
	    passed: boolean;
	    totp: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PhoneStepUpInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.asks = source["asks"];
	        this.passed = source["passed"];
	        this.totp = source["totp"];
	    }
	}
	export class PolicyChange {
	    type: string;
	    enabled?: boolean;
	    days?: number;
	    onDelete?: string;
	
	    static createFrom(source: any = {}) {
	        return new PolicyChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.enabled = source["enabled"];
	        this.days = source["days"];
	        this.onDelete = source["onDelete"];
	    }
	}
	export class PortalInviteResult {
	    email: string;
	    link: string;
	    // Go type: time
	    expires: any;
	    smsTo: string;
	    noPhone: string;
	    smsError: ErrorCode;
	
	    static createFrom(source: any = {}) {
	        return new PortalInviteResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.link = source["link"];
	        this.expires = this.convertValues(source["expires"], null);
	        this.smsTo = source["smsTo"];
	        this.noPhone = source["noPhone"];
	        this.smsError = source["smsError"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PortalSettings {
	    enabled: boolean;
	    listen: string;
	    tls_cert: string;
	    tls_key: string;
	    behind_proxy: boolean;
	    public_url: string;
	    contact: string;
	
	    static createFrom(source: any = {}) {
	        return new PortalSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.enabled = source["enabled"];
	        this.listen = source["listen"];
	        this.tls_cert = source["tls_cert"];
	        this.tls_key = source["tls_key"];
	        this.behind_proxy = source["behind_proxy"];
	        this.public_url = source["public_url"];
	        this.contact = source["contact"];
	    }
	}
	export class PortalStatus {
	    running: boolean;
	    addr: string;
	
	    static createFrom(source: any = {}) {
	        return new PortalStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.running = source["running"];
	        this.addr = source["addr"];
	    }
	}
	export class ReportFiles {
	    html: string;
	    json: string;
	    places: number;
	    records: number;
	
	    static createFrom(source: any = {}) {
	        return new ReportFiles(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.html = source["html"];
	        this.json = source["json"];
	        this.places = source["places"];
	        this.records = source["records"];
	    }
	}
	export class TypeCounts {
	    type: string;
	    labelSv: string;
	    labelEn: string;
	    due: number;
	    anonymised: number;
	    deleted: number;
	    samples: retention.Sample[];
	
	    static createFrom(source: any = {}) {
	        return new TypeCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.labelSv = source["labelSv"];
	        this.labelEn = source["labelEn"];
	        this.due = source["due"];
	        this.anonymised = source["anonymised"];
	        this.deleted = source["deleted"];
	        this.samples = this.convertValues(source["samples"], retention.Sample);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RetentionRun {
	    id: number;
	    startedAt: string;
	    asOf: string;
	    finishedAt: string;
	    trigger: string;
	    error: string;
	    cancelled: boolean;
	    dryRun: boolean;
	    types: TypeCounts[];
	    jobs: JobCount[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new RetentionRun(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.startedAt = source["startedAt"];
	        this.asOf = source["asOf"];
	        this.finishedAt = source["finishedAt"];
	        this.trigger = source["trigger"];
	        this.error = source["error"];
	        this.cancelled = source["cancelled"];
	        this.dryRun = source["dryRun"];
	        this.types = this.convertValues(source["types"], TypeCounts);
	        this.jobs = this.convertValues(source["jobs"], JobCount);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RetentionPolicy {
	    type: string;
	    area: string;
	    labelSv: string;
	    labelEn: string;
	    enabled: boolean;
	    days: number;
	    months: number;
	    fixed: boolean;
	    onDelete: string;
	    clock: FieldRef[];
	    clockMode: string;
	    deleteRow: boolean;
	    fields: FieldRef[];
	
	    static createFrom(source: any = {}) {
	        return new RetentionPolicy(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.area = source["area"];
	        this.labelSv = source["labelSv"];
	        this.labelEn = source["labelEn"];
	        this.enabled = source["enabled"];
	        this.days = source["days"];
	        this.months = source["months"];
	        this.fixed = source["fixed"];
	        this.onDelete = source["onDelete"];
	        this.clock = this.convertValues(source["clock"], FieldRef);
	        this.clockMode = source["clockMode"];
	        this.deleteRow = source["deleteRow"];
	        this.fields = this.convertValues(source["fields"], FieldRef);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RetentionOverview {
	    policies: RetentionPolicy[];
	    running: boolean;
	    nextRun: string;
	    lastRun?: RetentionRun;
	    history: RetentionRun[];
	    word: string;
	
	    static createFrom(source: any = {}) {
	        return new RetentionOverview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.policies = this.convertValues(source["policies"], RetentionPolicy);
	        this.running = source["running"];
	        this.nextRun = source["nextRun"];
	        this.lastRun = this.convertValues(source["lastRun"], RetentionRun);
	        this.history = this.convertValues(source["history"], RetentionRun);
	        this.word = source["word"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class SMSSettings {
	    provider: string;
	    senderName: string;
	    configured: boolean;
	    providers: string[];
	    keyringUnavailable: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SMSSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.provider = source["provider"];
	        this.senderName = source["senderName"];
	        this.configured = source["configured"];
	        this.providers = source["providers"];
	        this.keyringUnavailable = source["keyringUnavailable"];
	    }
	}
	export class SMSSettingsInput {
	    provider: string;
	    senderName: string;
	    username: string;
	    password: string;
	
	    static createFrom(source: any = {}) {
	        return new SMSSettingsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.provider = source["provider"];
	        this.senderName = source["senderName"];
	        this.username = source["username"];
	        this.password = source["password"];
	    }
	}
	export class SaveResult {
	    record?: records.Detail;
	    problems: FieldProblem[];
	
	    static createFrom(source: any = {}) {
	        return new SaveResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.record = this.convertValues(source["record"], records.Detail);
	        this.problems = this.convertValues(source["problems"], FieldProblem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SchedulerTokenInfo {
	    exists: boolean;
	    createdAt: string;
	    createdBy: string;
	    command: string;
	
	    static createFrom(source: any = {}) {
	        return new SchedulerTokenInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.exists = source["exists"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	        this.command = source["command"];
	    }
	}
	export class SearchGroup {
	    area: string;
	    location: string;
	    count: number;
	    hits: SearchHit[];
	
	    static createFrom(source: any = {}) {
	        return new SearchGroup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.area = source["area"];
	        this.location = source["location"];
	        this.count = source["count"];
	        this.hits = this.convertValues(source["hits"], SearchHit);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class SearchRequest {
	    query: string;
	    areas: string[];
	
	    static createFrom(source: any = {}) {
	        return new SearchRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.query = source["query"];
	        this.areas = source["areas"];
	    }
	}
	export class SearchResult {
	    query: string;
	    kind: string;
	    total: number;
	    shown: number;
	    areas: AreaCount[];
	    people: PersonGroup[];
	    groups: SearchGroup[];
	    tookMs: number;
	
	    static createFrom(source: any = {}) {
	        return new SearchResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.query = source["query"];
	        this.kind = source["kind"];
	        this.total = source["total"];
	        this.shown = source["shown"];
	        this.areas = this.convertValues(source["areas"], AreaCount);
	        this.people = this.convertValues(source["people"], PersonGroup);
	        this.groups = this.convertValues(source["groups"], SearchGroup);
	        this.tookMs = source["tookMs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class StatusInfo {
	    version: string;
	    dataDir: string;
	    storeExists: boolean;
	    total: number;
	    types: TypeCount[];
	
	    static createFrom(source: any = {}) {
	        return new StatusInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.dataDir = source["dataDir"];
	        this.storeExists = source["storeExists"];
	        this.total = source["total"];
	        this.types = this.convertValues(source["types"], TypeCount);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TOTPEnrolment {
	    secret: string;
	    url: string;
	    qrDataUrl: string;
	
	    static createFrom(source: any = {}) {
	        return new TOTPEnrolment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.secret = source["secret"];
	        this.url = source["url"];
	        this.qrDataUrl = source["qrDataUrl"];
	    }
	}
	export class TwoFactorSettings {
	    flows: twofactor.FlowSetting[];
	    smsConfigured: boolean;
	    devicePeriodDays: number;
	    minDays: number;
	    maxDays: number;
	
	    static createFrom(source: any = {}) {
	        return new TwoFactorSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.flows = this.convertValues(source["flows"], twofactor.FlowSetting);
	        this.smsConfigured = source["smsConfigured"];
	        this.devicePeriodDays = source["devicePeriodDays"];
	        this.minDays = source["minDays"];
	        this.maxDays = source["maxDays"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class UserRow {
	    id: string;
	    username: string;
	    name: string;
	    email: string;
	    status: string;
	    roles: string[];
	    active: boolean;
	    hasPassword: boolean;
	
	    static createFrom(source: any = {}) {
	        return new UserRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.username = source["username"];
	        this.name = source["name"];
	        this.email = source["email"];
	        this.status = source["status"];
	        this.roles = source["roles"];
	        this.active = source["active"];
	        this.hasPassword = source["hasPassword"];
	    }
	}
	export class VaultEntryPage {
	    entries: vault.Entry[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new VaultEntryPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.entries = this.convertValues(source["entries"], vault.Entry);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class VaultInfo {
	    revealSeconds: number;
	    clipboardSeconds: number;
	    secondFactorOn: boolean;
	    totpEnrolled: boolean;
	    isAdmin: boolean;
	
	    static createFrom(source: any = {}) {
	        return new VaultInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.revealSeconds = source["revealSeconds"];
	        this.clipboardSeconds = source["clipboardSeconds"];
	        this.secondFactorOn = source["secondFactorOn"];
	        this.totpEnrolled = source["totpEnrolled"];
	        this.isAdmin = source["isAdmin"];
	    }
	}
	export class VaultPerson {
	    kind: string;
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new VaultPerson(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class VaultUnlock {
	    password: string;
	    challengeId: string;
	    code: string;
	    totp: boolean;
	
	    static createFrom(source: any = {}) {
	        return new VaultUnlock(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.password = source["password"];
	        this.challengeId = source["challengeId"];
	        this.code = source["code"];
	        this.totp = source["totp"];
	    }
	}

}

export namespace portal {
	
	export class ErasureRequest {
	    id: string;
	    email: string;
	    person_kind: string;
	    person_id: string;
	    // Go type: time
	    created: any;
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new ErasureRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.email = source["email"];
	        this.person_kind = source["person_kind"];
	        this.person_id = source["person_id"];
	        this.created = this.convertValues(source["created"], null);
	        this.status = source["status"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Invitation {
	    email: string;
	    link: string;
	    // Go type: time
	    expires: any;
	
	    static createFrom(source: any = {}) {
	        return new Invitation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.link = source["link"];
	        this.expires = this.convertValues(source["expires"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace records {
	
	export class Detail {
	    type: string;
	    id: string;
	    values: Record<string, any>;
	    names: Record<string, string>;
	    customers: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Detail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.id = source["id"];
	        this.values = source["values"];
	        this.names = source["names"];
	        this.customers = source["customers"];
	    }
	}
	export class FieldSchema {
	    name: string;
	    kind: string;
	    class: string;
	    format?: string;
	    target?: string;
	    enum?: string[];
	    children?: FieldSchema[];
	    labelSv: string;
	    labelEn: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldSchema(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.class = source["class"];
	        this.format = source["format"];
	        this.target = source["target"];
	        this.enum = source["enum"];
	        this.children = this.convertValues(source["children"], FieldSchema);
	        this.labelSv = source["labelSv"];
	        this.labelEn = source["labelEn"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Option {
	    value: string;
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Option(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class Page {
	    total: number;
	    items: Detail[];
	    names: Record<string, string>;
	    customers: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Page(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.items = this.convertValues(source["items"], Detail);
	        this.names = source["names"];
	        this.customers = source["customers"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Query {
	    type: string;
	    offset: number;
	    limit: number;
	    sort: string;
	    desc: boolean;
	    status: string;
	    text: string;
	    match?: Record<string, string>;
	    since?: string;
	    until?: string;
	
	    static createFrom(source: any = {}) {
	        return new Query(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	        this.sort = source["sort"];
	        this.desc = source["desc"];
	        this.status = source["status"];
	        this.text = source["text"];
	        this.match = source["match"];
	        this.since = source["since"];
	        this.until = source["until"];
	    }
	}
	export class TypeSchema {
	    name: string;
	    area: string;
	    location: string;
	    labelSv: string;
	    labelEn: string;
	    writable: boolean;
	    readRoles: string[];
	    onDelete: boolean;
	    fields: FieldSchema[];
	    singularSv: string;
	    singularEn: string;
	
	    static createFrom(source: any = {}) {
	        return new TypeSchema(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.area = source["area"];
	        this.location = source["location"];
	        this.labelSv = source["labelSv"];
	        this.labelEn = source["labelEn"];
	        this.writable = source["writable"];
	        this.readRoles = source["readRoles"];
	        this.onDelete = source["onDelete"];
	        this.fields = this.convertValues(source["fields"], FieldSchema);
	        this.singularSv = source["singularSv"];
	        this.singularEn = source["singularEn"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace retention {
	
	export class Sample {
	    id: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Sample(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	    }
	}

}

export namespace search {
	
	export class ValueChoice {
	    value: string;
	    match: string;
	    hits: number;
	    selected: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ValueChoice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.match = source["match"];
	        this.hits = source["hits"];
	        this.selected = source["selected"];
	    }
	}

}

export namespace twofactor {
	
	export class Challenge {
	    id: string;
	    flow: string;
	    to: string;
	    // Go type: time
	    expires_at: any;
	
	    static createFrom(source: any = {}) {
	        return new Challenge(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.flow = source["flow"];
	        this.to = source["to"];
	        this.expires_at = this.convertValues(source["expires_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Device {
	    id: string;
	    // Go type: time
	    first_used: any;
	    // Go type: time
	    last_used: any;
	    // Go type: time
	    expires: any;
	    this_device: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Device(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.first_used = this.convertValues(source["first_used"], null);
	        this.last_used = this.convertValues(source["last_used"], null);
	        this.expires = this.convertValues(source["expires"], null);
	        this.this_device = source["this_device"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FlowSetting {
	    flow: string;
	    label_sv: string;
	    label_en: string;
	    sms_only: boolean;
	    per_device: boolean;
	    enabled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FlowSetting(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.flow = source["flow"];
	        this.label_sv = source["label_sv"];
	        this.label_en = source["label_en"];
	        this.sms_only = source["sms_only"];
	        this.per_device = source["per_device"];
	        this.enabled = source["enabled"];
	    }
	}

}

export namespace vault {
	
	export class Entry {
	    id: string;
	    formId: string;
	    customerNumber?: string;
	    plain: Record<string, string>;
	    encrypted: string[];
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Entry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.formId = source["formId"];
	        this.customerNumber = source["customerNumber"];
	        this.plain = source["plain"];
	        this.encrypted = source["encrypted"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EntryInput {
	    customerNumber: string;
	    values: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new EntryInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.customerNumber = source["customerNumber"];
	        this.values = source["values"];
	    }
	}
	export class Field {
	    id: string;
	    name: string;
	    kind: string;
	    encrypted: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Field(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.encrypted = source["encrypted"];
	    }
	}
	export class Member {
	    kind: string;
	    id: string;
	
	    static createFrom(source: any = {}) {
	        return new Member(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	    }
	}
	export class Form {
	    id: string;
	    name: string;
	    purpose: string;
	    fields: Field[];
	    autoDeleteDays: number;
	    twoFactor: boolean;
	    readers: Member[];
	    decrypters: Member[];
	    needsGrant: string[];
	    canDecrypt: boolean;
	    // Go type: time
	    createdAt: any;
	    // Go type: time
	    updatedAt: any;
	
	    static createFrom(source: any = {}) {
	        return new Form(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.purpose = source["purpose"];
	        this.fields = this.convertValues(source["fields"], Field);
	        this.autoDeleteDays = source["autoDeleteDays"];
	        this.twoFactor = source["twoFactor"];
	        this.readers = this.convertValues(source["readers"], Member);
	        this.decrypters = this.convertValues(source["decrypters"], Member);
	        this.needsGrant = source["needsGrant"];
	        this.canDecrypt = source["canDecrypt"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.updatedAt = this.convertValues(source["updatedAt"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

