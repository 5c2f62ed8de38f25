/// Made-up Chinese names: a common surname and one or two given-name characters drawn from fixed
/// lists. Any resemblance to a real person is the chance of common names, never copied data.
enum SyntheticNames {
    /// The most common surnames, heaviest first (weights roughly follow their national frequency).
    static let surnames: [(String, Double)] = [
        ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.5), ("杨", 3.1), ("赵", 2.2), ("黄", 2.1),
        ("周", 1.9), ("吴", 1.8), ("徐", 1.6), ("孙", 1.5), ("胡", 1.3), ("朱", 1.2), ("高", 1.2), ("林", 1.1),
        ("何", 1.1), ("郭", 1.1), ("马", 1.0), ("罗", 0.9), ("梁", 0.9), ("宋", 0.8), ("郑", 0.8), ("谢", 0.7),
        ("韩", 0.7), ("唐", 0.7), ("冯", 0.6), ("于", 0.6), ("董", 0.6), ("程", 0.5), ("曹", 0.5), ("袁", 0.5),
        ("邓", 0.5), ("许", 0.5), ("傅", 0.4), ("沈", 0.4), ("曾", 0.4), ("彭", 0.4), ("吕", 0.4), ("单", 0.3),
    ]
    static let surnameWeights = surnames.map(\.1)

    static let maleCharacters = Array("浩宇轩杰俊博明强伟磊鹏涛军勇斌辉晨睿泽子一文天嘉航铭昊然志")
    static let femaleCharacters = Array("欣怡涵萱婷雅静丽芳娜琳雪梦诗佳雨思悦晴月可若嘉彤妍颖淑慧")
    static let villageSuffixes = ["家庄", "家村", "家屯", "家营", "家洼", "家岭"]

    static func surname(_ random: inout SeededRandom) -> String {
        surnames[random.weighted(surnameWeights)].0
    }

    /// A full name for someone of the given surname and sex; 70% have two given-name characters.
    static func name(surname: String, male: Bool, _ random: inout SeededRandom) -> String {
        let characters = male ? maleCharacters : femaleCharacters
        var name = surname + String(random.pick(characters))
        if random.chance(0.7) { name.append(random.pick(characters)) }
        return name
    }

    /// A village name such as 王家庄.
    static func village(_ random: inout SeededRandom) -> String {
        surname(&random) + random.pick(villageSuffixes)
    }
}

extension SyntheticNames {
    private static let digits = Array("一二三四五六七八九")

    /// A number written in Chinese, for school names such as 第十二中学 (1–99).
    static func numeral(_ value: Int) -> String {
        precondition((1...99).contains(value), "numerals are only needed for 1–99")
        let tens = value / 10, units = value % 10
        let head = tens == 0 ? "" : (tens == 1 ? "十" : "\(digits[tens - 1])十")
        return head + (units == 0 ? "" : String(digits[units - 1]))
    }

    private static let companyHeads = ["鑫源", "华泰", "宏达", "瑞丰", "金桥", "永兴", "恒通", "德信", "盛和", "福瑞", "泰和", "新元"]
    private static let companyTrades = ["机械", "纺织", "食品", "建材", "物流", "农业科技", "电子", "化工", "服饰", "印务"]

    /// A made-up company name such as 瑞丰纺织有限公司.
    static func company(_ random: inout SeededRandom) -> String {
        random.pick(companyHeads) + random.pick(companyTrades) + "有限公司"
    }
}
