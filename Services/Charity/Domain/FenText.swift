import AidContracts

/// Fen written as yuan for people (explanations), with integer arithmetic only.
public enum FenText {
    /// 350000 → "3500.00 yuan".
    public static func yuan(_ fen: Fen) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents) yuan"
    }
}
