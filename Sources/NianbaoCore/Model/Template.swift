/// The official table templates a report can follow (TEMPLATE.md).
public enum Template: String, Sendable, Hashable, Codable, CaseIterable {
    /// 国办公开办函〔2021〕30号, reports on 2021 and later.
    case y2021 = "2021"
    /// 国办公开办函〔2019〕60号, reports on 2019 and 2020.
    case y2019 = "2019"
}
