/// Everything the web app needs from storage. SQLite implements it today; a PostgreSQL
/// store for multi-instance trusts implements the same protocols.
public typealias PortalStore = AccountStore & SchoolStore & PupilStore & RequestStore & LetterStore & WebSessionStore & RegisterStore & PolicyStore & UploadStore & CalendarEditing & DemoSeeding & StoreHealth & ActivityStore & InvitationStore & OutboxStore & CalendarImportStore & TermEditing & NotificationStore & RegisterExportStore & LunchtimeStore & LicenceStore
