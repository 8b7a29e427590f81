import LeaveServices
import Mustache

/// Guidance from a form's definition, as its template reads it.
extension GuidanceBlock: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "paragraph": paragraph
        case "items": items
        case "hasItems": hasItems
        default: nil
        }
    }
}
