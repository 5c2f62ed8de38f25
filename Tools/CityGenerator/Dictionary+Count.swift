extension Dictionary where Value == Int {
    mutating func count(_ key: Key, by amount: Int = 1) {
        self[key, default: 0] += amount
    }
}
