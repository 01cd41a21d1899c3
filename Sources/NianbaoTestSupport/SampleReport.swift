import Foundation

/// A minimal but complete 2021-template report whose table 三 rows and table 四 values are given;
/// every other row of table 三 is printed as zeros. `rows` maps a printed label to its cells.
public func report(year: Int = 2022, rows overrides: [String: String] = [:], review: String? = nil) -> String {
    let labels = [
        "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
        "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他", "（七）总计", "四、结转下年度继续办理",
    ]
    let zeros = [0, 0, 0, 0, 0, 0, 0].map(String.init).joined(separator: "\t")
    let table3 = labels.map { label in overrides[label] ?? (label + "\t" + zeros) }.joined(separator: "\n")
    return """
        测试县\(year)年政府信息公开工作年度报告
        本报告所列数据统计期限自\(year)年1月1日起至\(year)年12月31日止。
        一、总体情况
        \(year)年，测试县人民政府持续推进政务公开。
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容\t本年制发件数\t本年废止件数\t现行有效件数
        规章\t0\t0\t0
        行政规范性文件\t3\t1\t20
        第二十条第（五）项
        信息内容\t本年处理决定数量
        行政许可\t1,234
        第二十条第（六）项
        信息内容\t本年处理决定数量
        行政处罚\t56
        行政强制\t7
        第二十条第（八）项
        信息内容\t本年收费金额（单位：万元）
        行政事业性收费\t4.5
        三、收到和处理政府信息公开申请情况
        （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况
        \t自然人\t法人或其他组织\t\t\t\t\t总计
        \t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他
        \(table3)
        四、政府信息公开行政复议、行政诉讼情况
        行政复议\t行政诉讼
        结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉
        \(review ?? "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0")
        五、存在的主要问题及改进情况
        一是公开质量有待提高。
        六、其他需要报告的事项
        无
        测试县人民政府办公室
        \(year + 1)年1月20日
        """
}

/// A table 三 row of `count` numbers (1, 2, …): far more than its seven cells, as a layout that ran rows
/// together or a hostile input gives.
public func overlongRow(_ count: Int = 200) -> [String: String] {
    ["（一）予以公开": (["（一）予以公开"] + (1...count).map(String.init)).joined(separator: "\t")]
}

/// `text` as a web page: lines with tab-separated cells as the rows of tables, other lines as paragraphs.
public func htmlPage(_ text: String) -> String {
    var html = "<html><head><meta charset=\"utf-8\"></head><body>\n"
    var inTable = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
        if cells.count > 1 {
            if !inTable { html += "<table border=\"1\">\n" }
            inTable = true
            html += "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        } else {
            if inTable { html += "</table>\n" }
            inTable = false
            html += "<p>\(line)</p>\n"
        }
    }
    if inTable { html += "</table>\n" }
    return html + "</body></html>\n"
}
