import Testing

@testable import NianbaoCore

/// The issuer of a report OCR read, spelt as the text spells it most (`Metadata.outvoted`).
@Suite struct IssuerVoteTests {
    let body = "2024年，芜湖市镜湖区坚持以公开为常态。\n2024年，芜湖市镜湖区共收到政府信息公开申请11件。\n"

    @Test func aCharacterMisreadInTheSignatureIsOutvoted() {
        #expect(Metadata.outvoted("莞湖市镜湖区人民政府", in: body + "莞湖市镜湖区人民政府") == "芜湖市镜湖区人民政府")
    }

    @Test func theIssuersOwnSpellingStandsUnlessOutnumbered() {
        // Read right: nothing to change.
        #expect(Metadata.outvoted("芜湖市镜湖区人民政府", in: body + "芜湖市镜湖区人民政府") == "芜湖市镜湖区人民政府")
        // Another spelling once only: not enough to go by.
        #expect(
            Metadata.outvoted("莞湖市镜湖区人民政府", in: "芜湖市镜湖区坚持以公开为常态。\n莞湖市镜湖区人民政府") == "莞湖市镜湖区人民政府")
        // Two other spellings as often as each other: neither is taken.
        let split = "芜湖市镜湖区、芜湖市镜湖区，苋湖市镜湖区、苋湖市镜湖区。莞湖市镜湖区人民政府"
        #expect(Metadata.outvoted("莞湖市镜湖区人民政府", in: split) == "莞湖市镜湖区人民政府")
        // A neighbour two characters away (镜湖区 and 鸠江区) is another body, however often it is named.
        let neighbour = "芜湖市鸠江区、芜湖市鸠江区、芜湖市鸠江区。芜湖市镜湖区人民政府"
        #expect(Metadata.outvoted("芜湖市镜湖区人民政府", in: neighbour) == "芜湖市镜湖区人民政府")
        // A county and the city it is named after differ in one character, which names the level: two bodies.
        let city = "长沙县认真落实长沙市部署，长沙市考核中长沙县名列前茅，按长沙市、长沙市要求。长沙县人民政府"
        #expect(Metadata.outvoted("长沙县人民政府", in: city) == "长沙县人民政府")
    }
}
