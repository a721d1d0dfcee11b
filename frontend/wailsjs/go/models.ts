export namespace main {
	
	export enum ErrorCode {
	    AccountDisabled = "account_disabled",
	    AlreadySetUp = "already_set_up",
	    BadCredentials = "bad_credentials",
	    BadRequest = "bad_request",
	    Busy = "busy",
	    Cancelled = "cancelled",
	    Exists = "exists",
	    FileNotFound = "file_not_found",
	    Forbidden = "forbidden",
	    Internal = "internal",
	    InvalidInput = "invalid_input",
	    LastAdministrator = "last_administrator",
	    NoStore = "no_store",
	    NotFound = "not_found",
	    NotSetUp = "not_set_up",
	    PasswordCommon = "password_common",
	    PasswordTooShort = "password_too_short",
	    ReadOnly = "read_only",
	    StoreExists = "store_exists",
	    Throttled = "throttled",
	    Unauthenticated = "unauthenticated",
	    UnknownType = "unknown_type",
	    UserNotFound = "user_not_found",
	    UsernameTaken = "username_taken",
	}
	export enum EventName {
	    ExportProgress = "export:progress",
	    ImportProgress = "import:progress",
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

}

export namespace records {
	
	export class Detail {
	    type: string;
	    id: string;
	    values: Record<string, any>;
	
	    static createFrom(source: any = {}) {
	        return new Detail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.type = source["type"];
	        this.id = source["id"];
	        this.values = source["values"];
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
	export class Page {
	    total: number;
	    items: Detail[];
	
	    static createFrom(source: any = {}) {
	        return new Page(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.items = this.convertValues(source["items"], Detail);
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

