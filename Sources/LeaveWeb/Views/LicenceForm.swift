import LeaveCore
import Mustache

/// The licence's details, asked on the request's own page when it was sent without one.
struct LicenceForm: MustacheParent {
    let action: String
    let errors: ErrorSummary
    let number: TextField
    let authority: TextField
    let dates: TextField

    init(action: String, errors: [FieldError], typed: [String: String]) {
        self.action = action
        self.errors = ErrorSummary(errors)
        number = TextField("licenceNumber", typed["licenceNumber"] ?? "", errors)
        authority = TextField("authority", typed["authority"] ?? "", errors)
        dates = TextField("licenceDates", typed["licenceDates"] ?? "", errors)
    }

    func child(named key: String) -> Any? {
        switch key {
        case "action": action
        case "number": number
        case "authority": authority
        case "dates": dates
        default: nil
        }
    }
}
