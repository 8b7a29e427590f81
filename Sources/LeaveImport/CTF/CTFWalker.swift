import LeaveCore

/// Follows the element path of a CTF and fills in the header and each pupil as their
/// elements close. Element names are matched by local name within their parent, so the
/// spellings of different CTF versions (CTFversion/CTFVersion, Sex/Gender) are all read.
struct CTFWalker {
    var path: [String] = []
    var text = ""
    var sawRoot = false
    var header = CTFHeader()
    var pupil: CTFPupil?
    var contact: ImportedContact?
    var contactForename = ""
    var contactSurname = ""
    var year: CTFAttendanceYear?
    var address: CTFAddress?

    mutating func open(_ name: String, line: Int) throws {
        if path.isEmpty {
            guard name == "CTfile" else {
                throw ImportRefusal("this is not a CTF: its root element is \(name), not CTfile", at: "line \(line)")
            }
            sawRoot = true
        }
        path.append(name)
        text = ""
        switch name {
        case "Pupil" where parent == "CTFpupilData":
            pupil = CTFPupil()
            pupil?.line = line
        case "Contact" where pupil != nil:
            contact = ImportedContact(name: "")
            contactForename = ""
            contactSurname = ""
        case "Address" where pupil != nil:
            address = CTFAddress()
        case "YearData" where pupil != nil:
            year = CTFAttendanceYear()
        default:
            break
        }
    }

    var parent: String? { path.count >= 2 ? path[path.count - 2] : nil }

    mutating func close(line: Int, header onHeader: (CTFHeader) throws -> Void, pupil onPupil: (CTFPupil) throws -> Void) throws {
        guard let name = path.popLast() else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        text = ""
        if name == "Header" && path.last == "CTfile" {
            try onHeader(header)
            return
        }
        if path.contains("Header") {
            switch name {
            case "CTFversion", "CTFVersion": header.version = value
            case "LEA" where path.last == "SourceSchool": header.laCode = value
            case "Estab" where path.last == "SourceSchool": header.estab = value
            case "SchoolName" where path.last == "SourceSchool": header.schoolName = value
            default: break
            }
            return
        }
        guard pupil != nil else { return }
        if year != nil {
            try closeYearField(name, value: value, line: line)
            return
        }
        if address != nil {
            if name == "Address" {
                if contact != nil { contact!.address = address!.lines } else { pupil!.homeAddress = address!.lines }
                address = nil
            } else {
                _ = address!.keep(name, value)
            }
            return
        }
        if contact != nil {
            closeContactField(name, value: value)
            return
        }
        switch name {
        case "UPN": pupil!.details.upn = value.isEmpty ? nil : value.uppercased()
        case "Surname" where path.last == "Pupil": pupil!.details.surname = value
        case "Forename" where path.last == "Pupil": pupil!.details.forename = value
        case "DOB": pupil!.details.dateOfBirth = SchoolDate(iso: value)
        case "Sex", "Gender": pupil!.details.sex = value.isEmpty ? nil : value
        case "NCyearActual":
            // "R" is Reception; "N1"/"N2" are nursery years.
            pupil!.details.yearGroup = value.uppercased() == "R" ? .reception : Int(value).flatMap(YearGroup.init)
        case "Pupil" where path.last == "CTFpupilData":
            var finished = pupil!
            for index in finished.details.contacts.indices where finished.details.contacts[index].address.isEmpty {
                finished.details.contacts[index].address = finished.homeAddress
            }
            pupil = nil
            try onPupil(finished)
        default:
            break
        }
    }

    mutating func closeContactField(_ name: String, value: String) {
        switch name {
        case "Forename": contactForename = value
        case "Surname": contactSurname = value
        case "Relationship": contact!.relationship = value
        case "Responsibility": contact!.parentalResponsibility = ["true", "1", "yes", "y"].contains(value.lowercased())
        case "EmailAddress", "Email":
            if !value.isEmpty { contact!.email = value }
        case "Contact":
            var finished = contact!
            finished.name = "\(contactForename) \(contactSurname)".trimmingCharacters(in: .whitespaces)
            pupil!.details.contacts.append(finished)
            contact = nil
        default:
            break
        }
    }

    mutating func closeYearField(_ name: String, value: String, line: Int) throws {
        func number() throws -> Int {
            guard let n = Int(value), n >= 0 else {
                throw ImportRefusal("\(name) must be a whole number, not '\(value)'", at: "line \(line), \(name)")
            }
            return n
        }
        switch name {
        case "Year": year!.year = try number()
        case "SessionsPossible": year!.possible = try number()
        case "SessionsAuthorised": year!.authorised = try number()
        case "SessionsAttended": year!.attended = try number()
        case "SessionsUnauthorised": year!.unauthorised = try number()
        case "AttendanceStartDate": year!.startDate = value
        case "AttendanceMarks": year!.marks = value
        case "YearData":
            pupil!.years.append(year!)
            year = nil
        default:
            break
        }
    }
}
