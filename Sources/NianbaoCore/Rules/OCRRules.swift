import Foundation

/// `ocr.yaml`: how scanned pages, tables pasted as images and garbled text layers are read. Read by the OCR
/// stage only; its fingerprint is part of every OCR result's key, so editing it reads the scans again, and
/// no other rule file does.
public struct OCRRules: Sendable, Codable, Hashable {
    /// Scans below `minimum` dots per inch are not read (OCR collapses there): unreadable, with the reason.
    /// Pages are rendered for OCR at their scan's own resolution, kept within `render_min`…`render_max`.
    public var minimumDPI: Double = 100
    public var renderMinimumDPI: Double = 200
    public var renderMaximumDPI: Double = 300
    /// A numeric cell read with less confidence (0–100) is flagged `ocr_low_confidence`, and only such a
    /// cell may be corrected by the identities (`ocr_correction`).
    public var confidence: Double = 85
    /// A number whose every digit is read with this confidence at the first size, with as many marks as
    /// digits, is taken without reading it again at the larger sizes.
    public var sureConfidence: Double = 95
    /// Red ink (seals, red headers) is taken out before the page is binarised.
    public var dropRedInk: Bool = true
    /// Tesseract's models, by script.
    public var simplified: String = "chi_sim"
    public var traditional: String = "chi_tra"
    /// The model numbers are read with.
    public var numbers: String = "eng"
    /// Characters a numeric cell may hold (the digit whitelist), and what OCR reads for digits there.
    public var digits: String = "0123456789,.-"
    /// Look-alike characters read for one another: in a numeric cell the left one is read as the right
    /// one (`O` → `0`); offered as alternatives of a low-confidence digit.
    public var digitConfusions: [[String]] = [
        ["6", "5"], ["5", "6"], ["8", "6"], ["6", "8"], ["3", "8"], ["8", "3"], ["1", "7"], ["7", "1"], ["0", "8"],
        ["8", "0"],
    ]

    enum CodingKeys: String, CodingKey {
        case minimumDPI = "minimum_dpi", renderMinimumDPI = "render_min_dpi", renderMaximumDPI = "render_max_dpi"
        case confidence, sureConfidence = "sure_confidence", dropRedInk = "drop_red_ink", simplified, traditional,
            numbers, digits
        case digitConfusions = "digit_confusions"
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = OCRRules()
        minimumDPI = try c.decodeIfPresent(Double.self, forKey: .minimumDPI) ?? d.minimumDPI
        renderMinimumDPI = try c.decodeIfPresent(Double.self, forKey: .renderMinimumDPI) ?? d.renderMinimumDPI
        renderMaximumDPI = try c.decodeIfPresent(Double.self, forKey: .renderMaximumDPI) ?? d.renderMaximumDPI
        confidence = try c.decodeIfPresent(Double.self, forKey: .confidence) ?? d.confidence
        sureConfidence = try c.decodeIfPresent(Double.self, forKey: .sureConfidence) ?? d.sureConfidence
        dropRedInk = try c.decodeIfPresent(Bool.self, forKey: .dropRedInk) ?? d.dropRedInk
        simplified = try c.decodeIfPresent(String.self, forKey: .simplified) ?? d.simplified
        traditional = try c.decodeIfPresent(String.self, forKey: .traditional) ?? d.traditional
        numbers = try c.decodeIfPresent(String.self, forKey: .numbers) ?? d.numbers
        digits = try c.decodeIfPresent(String.self, forKey: .digits) ?? d.digits
        digitConfusions = try c.decodeIfPresent([[String]].self, forKey: .digitConfusions) ?? d.digitConfusions
    }
}
