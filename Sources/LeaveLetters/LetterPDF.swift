import CPangoCairo
import LeaveCore

/// Writes decision letters as an A4 PDF: Pango lays out and shapes each paragraph (so a Polish
/// or an Urdu name comes out right), Cairo writes the pages. The parent's name and address sit
/// where a DL window envelope shows them; a letter longer than a page is numbered; a batch
/// starts every letter on a new sheet, so it prints safely on both sides.
public enum LetterPDF {
    /// A4 in PostScript points.
    static let pageWidth = 595.276
    static let pageHeight = 841.89
    static let millimetre = 72.0 / 25.4
    static let margin = 18 * millimetre
    /// The window of a DL envelope with a left window (BS EN ISO 269): 20 mm from the left,
    /// 50 mm from the top of the letter folded in three, 90 × 40 mm. The address block is kept
    /// inside it, with a few millimetres to spare on every side.
    public static let addressWindow = (x: 20 * millimetre, y: 50 * millimetre, width: 90 * millimetre, height: 40 * millimetre)
    static let bodyFont = "DejaVu Sans, Noto Sans, Noto Sans Arabic, Noto Naskh Arabic, Noto Sans Bengali, sans-serif 9.5"
    static let headingFont = "DejaVu Sans, Noto Sans, sans-serif Bold 10.5"
    static let schoolFont = "DejaVu Sans, Noto Sans, sans-serif Bold 14"

    /// One PDF of these letters, each on its own sheets.
    public static func render(_ letters: [LetterContent]) -> [UInt8] {
        // First without drawing, to learn each letter's page count for "Page 1 of 2".
        var counts: [Int] = []
        _ = write { surface in
            for letter in letters {
                var page = Page(surface: surface, drawing: false)
                counts.append(page.letter(letter, pages: 0))
            }
        }
        return write { surface in
            for (index, letter) in letters.enumerated() {
                var page = Page(surface: surface, drawing: true)
                var pages = page.letter(letter, pages: counts[index])
                // Duplex: a letter ending on a front leaves the back blank, so the next starts on a front.
                while pages % 2 == 1 && index < letters.count - 1 {
                    cairo_surface_show_page(surface)
                    pages += 1
                }
            }
        }
    }

    public static func render(_ letter: LetterContent) -> [UInt8] { render([letter]) }

    /// One empty A4 page: the back of a sheet in a batch printed on both sides.
    public static func blankPage() -> [UInt8] {
        write { surface in cairo_surface_show_page(surface) }
    }

    /// Runs `draw` on a PDF surface and returns the bytes Cairo wrote.
    private static func write(_ draw: (OpaquePointer) -> Void) -> [UInt8] {
        CairoByteSink.collect { callback, closure in
            guard let surface = cairo_pdf_surface_create_for_stream(callback, closure, pageWidth, pageHeight) else { return }
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Leave Portal")
            draw(surface)
            cairo_surface_finish(surface)
            cairo_surface_destroy(surface)
        }
    }

    /// Lays out one letter, page after page, on the surface.
    private struct Page {
        let surface: OpaquePointer
        let drawing: Bool
        let cairo: OpaquePointer
        var y = 0.0
        var pageNumber = 1
        var pages = 0

        init(surface: OpaquePointer, drawing: Bool) {
            self.surface = surface
            self.drawing = drawing
            cairo = cairo_create(surface)
        }

        var width: Double { LetterPDF.pageWidth - 2 * LetterPDF.margin }
        var bottom: Double { LetterPDF.pageHeight - LetterPDF.margin - 12 }

        /// The letter from its first sheet; returns how many pages it took.
        mutating func letter(_ letter: LetterContent, pages: Int) -> Int {
            self.pages = pages
            defer { cairo_destroy(cairo) }
            y = LetterPDF.margin
            // The crest at the top left, above the envelope's window; the letterhead on the right.
            if let crest = letter.crest { drawCrest(crest) }
            let right = LetterPDF.margin + width * 0.45
            let clear = letter.crest == nil ? 0 : 45 * LetterPDF.millimetre
            paragraph(letter.school.name, font: LetterPDF.schoolFont, x: LetterPDF.margin + clear, width: width - clear, alignRight: true)
            paragraph((letter.school.addressLines + ["Telephone: \(letter.school.telephone)", letter.school.email]).joined(separator: "\n"),
                      x: right, width: width * 0.55, alignRight: true)
            // The parent's name and address, inside the envelope's window.
            let window = LetterPDF.addressWindow
            y = window.y + 4 * LetterPDF.millimetre
            paragraph(([letter.parentName] + letter.parentAddress).joined(separator: "\n"),
                      x: window.x + 4 * LetterPDF.millimetre, width: window.width - 8 * LetterPDF.millimetre)
            let afterAddress = y
            // The date and reference beside the window, on the right.
            y = window.y + 4 * LetterPDF.millimetre
            paragraph(letter.letterDate.longForm + "\nOur reference: " + letter.reference,
                      x: LetterPDF.margin + width * 0.55, width: width * 0.45, alignRight: true)
            y = max(y, afterAddress, window.y + window.height) + 2 * LetterPDF.millimetre
            paragraph(letter.greeting)
            gap(6)
            paragraph(letter.subject, font: LetterPDF.headingFont)
            for sentence in letter.opening { gap(6); paragraph(sentence) }
            gap(8)
            for fact in letter.facts { row(fact.label, fact.value) }
            gap(8)
            paragraph(letter.reasonHeading, font: LetterPDF.headingFont)
            for line in letter.reason { gap(4); paragraph(line) }
            for sentence in letter.after + letter.closing { gap(6); paragraph(sentence) }
            gap(10)
            paragraph(letter.signOff)
            gap(20)
            paragraph(letter.signatory.name + "\n" + letter.signatory.title)
            finishPage()
            cairo_show_page(cairo)
            return pageNumber
        }

        /// The crest scaled to fit 40 × 25 mm in the top-left corner, keeping its shape.
        func drawCrest(_ png: [UInt8]) {
            guard drawing, let image = LetterCrest.surface(png) else { return }
            defer { cairo_surface_destroy(image) }
            let width = Double(cairo_image_surface_get_width(image)), height = Double(cairo_image_surface_get_height(image))
            guard width > 0, height > 0 else { return }
            let scale = min(40 * LetterPDF.millimetre / width, 25 * LetterPDF.millimetre / height)
            cairo_save(cairo)
            cairo_translate(cairo, LetterPDF.margin, LetterPDF.margin)
            cairo_scale(cairo, scale, scale)
            cairo_set_source_surface(cairo, image, 0, 0)
            cairo_paint(cairo)
            cairo_restore(cairo)
        }

        /// Space between parts, a little less than asked: a letter should fit one sheet.
        mutating func gap(_ points: Double) { y += points * 0.6 }

        /// A label and its value side by side, as in the letter's table of facts.
        mutating func row(_ label: String, _ value: String) {
            let top = y
            paragraph(label, font: LetterPDF.headingFont.replacingOccurrences(of: " 10.5", with: " 9.5"), width: width * 0.3)
            let afterLabel = y
            y = top
            paragraph(value, x: LetterPDF.margin + width * 0.32, width: width * 0.68)
            y = max(y, afterLabel) + 1
        }

        /// A paragraph wrapped to the width, line by line so a page can end between any two lines.
        mutating func paragraph(_ text: String, font: String = LetterPDF.bodyFont, x: Double = LetterPDF.margin,
                                width: Double? = nil, alignRight: Bool = false, breaks: Bool = true) {
            guard let layout = pango_cairo_create_layout(cairo) else { return }
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            let description = pango_font_description_from_string(font)
            pango_layout_set_font_description(layout, description)
            pango_font_description_free(description)
            pango_layout_set_width(layout, Int32((width ?? self.width) * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            if alignRight { pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT) }
            pango_layout_set_text(layout, text, -1)
            guard let iterator = pango_layout_get_iter(layout) else { return }
            defer { pango_layout_iter_free(iterator) }
            var lineTop = 0.0
            repeat {
                var logical = PangoRectangle()
                pango_layout_iter_get_line_extents(iterator, nil, &logical)
                let height = Double(logical.height) / Double(PANGO_SCALE)
                let baseline = Double(pango_layout_iter_get_baseline(iterator)) / Double(PANGO_SCALE) - Double(logical.y) / Double(PANGO_SCALE)
                if breaks && y + height > bottom { newPage() }
                if drawing, let line = pango_layout_iter_get_line_readonly(iterator) {
                    cairo_move_to(cairo, x + Double(logical.x) / Double(PANGO_SCALE), y + baseline)
                    pango_cairo_show_layout_line(cairo, line)
                }
                y += height
                lineTop += height
            } while pango_layout_iter_next_line(iterator) != 0
        }

        mutating func newPage() {
            finishPage()
            cairo_show_page(cairo)
            pageNumber += 1
            y = LetterPDF.margin
        }

        /// "Page 1 of 2" at the foot, on a letter longer than a page.
        mutating func finishPage() {
            guard drawing, pages > 1 else { return }
            let saved = y
            y = LetterPDF.pageHeight - LetterPDF.margin
            paragraph("Page \(pageNumber) of \(pages)", alignRight: true, breaks: false)
            y = saved
        }
    }
}
