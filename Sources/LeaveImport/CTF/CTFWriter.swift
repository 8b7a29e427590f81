import LeaveCore

/// Writes a Common Transfer File, for the demo school's roll and for tests and benchmarks
/// that need a realistic file: the same shape the importer reads.
public enum CTFWriter {
    public struct Entry: Sendable {
        public let pupil: ImportedPupil
        public let years: [CTFAttendanceYear]

        public init(pupil: ImportedPupil, years: [CTFAttendanceYear]) {
            self.pupil = pupil
            self.years = years
        }
    }

    /// One year of marks as a CTF carries it: a character per session for every calendar day
    /// from `start` to `end` ('#' where there is no mark), with the summary counts.
    public static func year(_ marks: [SessionMark], academicYear: Int, from start: SchoolDate, to end: SchoolDate) -> CTFAttendanceYear {
        var byPoint: [SessionPoint: AttendanceCode] = [:]
        for mark in marks { byPoint[mark.point] = mark.code }
        var text = ""
        text.reserveCapacity(2 * (start.days(until: end) + 1))
        var day = start
        while day <= end {
            for session in Session.allCases {
                text += byPoint[SessionPoint(day, session)]?.rawValue ?? "#"
            }
            day = day.adding(days: 1)
        }
        let figures = AttendanceFigures(marks.filter { $0.point.date >= start && $0.point.date <= end })
        return CTFAttendanceYear(year: academicYear, possible: figures.possible, authorised: figures.authorised,
                                 attended: figures.attended, unauthorised: figures.unauthorised,
                                 startDate: start.iso, marks: text)
    }

    public static func document(header: CTFHeader, entries: some Sequence<Entry>) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CTfile>
              <Header>
                <DocumentName>Common Transfer File</DocumentName>
                <CTFversion>\(header.version.markupEscaped)</CTFversion>
                <SourceSchool>
                  <LEA>\(header.laCode.markupEscaped)</LEA>
                  <Estab>\(header.estab.markupEscaped)</Estab>
                  <SchoolName>\(header.schoolName.markupEscaped)</SchoolName>
                </SourceSchool>
              </Header>
              <CTFpupilData>

            """
        for entry in entries { xml += pupil(entry) }
        xml += "  </CTFpupilData>\n</CTfile>\n"
        return xml
    }

    public static func pupil(_ entry: Entry) -> String {
        let p = entry.pupil
        var xml = "    <Pupil>\n"
        xml += "      <UPN>\((p.upn ?? "").markupEscaped)</UPN>\n"
        xml += "      <Surname>\(p.surname.markupEscaped)</Surname>\n"
        xml += "      <Forename>\(p.forename.markupEscaped)</Forename>\n"
        if let dob = p.dateOfBirth { xml += "      <DOB>\(dob.iso)</DOB>\n" }
        if let sex = p.sex { xml += "      <Sex>\(sex.markupEscaped)</Sex>\n" }
        if let year = p.yearGroup {
            xml += "      <BasicDetails><NCyearActual>\(year.number == 0 ? "R" : String(year.number))</NCyearActual></BasicDetails>\n"
        }
        if !p.contacts.isEmpty {
            xml += "      <Contacts>\n"
            for contact in p.contacts {
                let parts = contact.name.split(separator: " ", maxSplits: 1).map(String.init)
                xml += "        <Contact>\n"
                xml += "          <Forename>\((parts.first ?? "").markupEscaped)</Forename>\n"
                xml += "          <Surname>\((parts.count > 1 ? parts[1] : "").markupEscaped)</Surname>\n"
                xml += "          <Relationship>\(contact.relationship.markupEscaped)</Relationship>\n"
                xml += "          <Responsibility>\(contact.parentalResponsibility)</Responsibility>\n"
                if let email = contact.email { xml += "          <Email><EmailAddress>\(email.markupEscaped)</EmailAddress></Email>\n" }
                if !contact.address.isEmpty {
                    // Plain lines with the postcode apart, as CTF's AddressLines carry an address without BS 7666 parts.
                    let lines = contact.address.dropLast().prefix(5).enumerated()
                        .map { "<AddressLine\($0.offset + 1)>\($0.element.markupEscaped)</AddressLine\($0.offset + 1)>" }.joined()
                    xml += "          <Address><AddressLines>\(lines)</AddressLines><Postcode>\((contact.address.last ?? "").markupEscaped)</Postcode></Address>\n"
                }
                xml += "        </Contact>\n"
            }
            xml += "      </Contacts>\n"
        }
        if !entry.years.isEmpty {
            xml += "      <Attendance>\n"
            for year in entry.years {
                xml += "        <YearData>\n"
                if let y = year.year { xml += "          <Year>\(y)</Year>\n" }
                if let n = year.possible { xml += "          <SessionsPossible>\(n)</SessionsPossible>\n" }
                if let n = year.authorised { xml += "          <SessionsAuthorised>\(n)</SessionsAuthorised>\n" }
                if let n = year.attended { xml += "          <SessionsAttended>\(n)</SessionsAttended>\n" }
                if let n = year.unauthorised { xml += "          <SessionsUnauthorised>\(n)</SessionsUnauthorised>\n" }
                xml += "          <AttendSessions>\n"
                xml += "            <AttendanceStartDate>\((year.startDate ?? "").markupEscaped)</AttendanceStartDate>\n"
                xml += "            <AttendanceMarks>\((year.marks ?? "").markupEscaped)</AttendanceMarks>\n"
                xml += "          </AttendSessions>\n"
                xml += "        </YearData>\n"
            }
            xml += "      </Attendance>\n"
        }
        xml += "    </Pupil>\n"
        return xml
    }

}
