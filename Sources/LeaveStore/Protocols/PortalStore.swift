/// Everything the web app needs from storage: `SQLiteStore` (one school, one machine) and
/// `PostgresStore` (a trust or an authority, several servers) implement it alike.
public typealias PortalStore = AccountStore & SchoolStore & PupilStore & RequestStore & LetterStore & WebSessionStore & RegisterStore & PolicyStore & UploadStore & CalendarEditing & DemoSeeding & StoreHealth & ActivityStore & InvitationStore & OutboxStore & CalendarImportStore & TermEditing & NotificationStore & RegisterExportStore & LunchtimeStore & LicenceStore & SignInAttemptStore
