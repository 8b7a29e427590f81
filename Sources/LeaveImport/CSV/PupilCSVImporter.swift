import Foundation
import LeaveCore

/// Imports pupils and their contacts from CSV. One row per pupil, or one per pupil and
/// contact: rows for the same pupil add contacts. Needs forename, surname and a UPN or
/// pupil id; year group, date of birth, sex and contact columns (with the contact's postal
/// address, in one column or several) are read when present.
public struct PupilCSVImporter: Sendable {
    public init() {}

    public func read(data: Data) throws -> RegisterReading {
        let table = try CSVTable(data: data)
        let c = (
            upn: table.column("UPN"),
            mis: table.column("Pupil ID", "PupilId", "MIS ID", "MISID", "ID", "Admission Number", "Adno"),
            forename: table.column("Forename", "First name", "Legal forename"),
            surname: table.column("Surname", "Last name", "Legal surname"),
            year: table.column("Year group", "NC year", "NCyearActual", "Year"),
            dob: table.column("Date of birth", "DOB"),
            sex: table.column("Sex", "Gender"),
            contactName: table.column("Contact name", "Contact"),
            contactEmail: table.column("Contact email", "Email"),
            relationship: table.column("Relationship", "Contact relationship"),
            responsibility: table.column("Parental responsibility", "Responsibility"),
            address: [table.column("Contact address", "Address"),
                      table.column("Address line 1", "Address 1", "House", "PAON"),
                      table.column("Address line 2", "Address 2", "Street"),
                      table.column("Address line 3", "Address 3", "Locality"),
                      table.column("Town", "Address line 4", "Address 4", "Town or city"),
                      table.column("County", "Administrative area"),
                      table.column("Postcode", "Post code")]
        )
        guard c.forename != nil, c.surname != nil else {
            throw ImportRefusal("the header needs Forename and Surname columns", at: "line 1")
        }
        guard c.upn != nil || c.mis != nil else {
            throw ImportRefusal("the header needs a UPN or a pupil id column", at: "line 1")
        }
        var pupils: [String: ImportedPupil] = [:]
        var order: [String] = []
        var problems: [ImportReport.Problem] = []
        for row in table.rows {
            let upn = row[c.upn].uppercased(), mis = row[c.mis]
            guard !upn.isEmpty || !mis.isEmpty else {
                problems.append(.init(location: "line \(row.line)", message: "the row has no UPN or pupil id; skipped"))
                continue
            }
            guard !row[c.forename].isEmpty, !row[c.surname].isEmpty else {
                throw ImportRefusal("the pupil's forename and surname are both needed", at: "line \(row.line)")
            }
            var yearGroup: YearGroup?
            if !row[c.year].isEmpty {
                let text = row[c.year].uppercased().replacingOccurrences(of: "YEAR", with: "").trimmingCharacters(in: .whitespaces)
                yearGroup = text == "R" || text == "RECEPTION" ? .reception : Int(text).flatMap(YearGroup.init)
                guard yearGroup != nil else { throw ImportRefusal("'\(row[c.year])' is not a year group", at: "line \(row.line)") }
            }
            var dob: SchoolDate?
            if !row[c.dob].isEmpty {
                dob = CSVDates.parse(row[c.dob])
                guard dob != nil else { throw ImportRefusal("'\(row[c.dob])' is not a date of birth", at: "line \(row.line)") }
            }
            let key = upn.isEmpty ? "id:" + mis : upn
            if pupils[key] == nil {
                order.append(key)
                pupils[key] = ImportedPupil(upn: upn.isEmpty ? nil : upn, misID: mis.isEmpty ? nil : mis,
                                            forename: row[c.forename], surname: row[c.surname], dateOfBirth: dob,
                                            sex: row[c.sex].isEmpty ? nil : row[c.sex], yearGroup: yearGroup)
            }
            if !row[c.contactName].isEmpty || !row[c.contactEmail].isEmpty {
                pupils[key]!.contacts.append(ImportedContact(
                    name: row[c.contactName], relationship: row[c.relationship],
                    parentalResponsibility: ["yes", "y", "true", "1"].contains(row[c.responsibility].lowercased()),
                    email: row[c.contactEmail].isEmpty ? nil : row[c.contactEmail],
                    address: PostalAddress.lines(c.address.map { row[$0] })))
            }
        }
        var reading = RegisterReading()
        reading.problems = problems
        for key in order {
            if let pupil = pupils[key] { reading.batch.pupils.append(RegisterBatch.PupilEntry(pupil: pupil)) }
        }
        return reading
    }
}
