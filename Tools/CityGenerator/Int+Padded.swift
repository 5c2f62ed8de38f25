extension Int {
    /// The number with leading zeros to `width` digits, for ids and codes (`String(format:)` is slow
    /// at the millions of ids a large city needs).
    func padded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
