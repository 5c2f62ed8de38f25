import AidContracts
import Foundation
import TestSupport

/// A sample event as the bytes `EventCoding.encoder` writes, with helpers to break it on purpose.
struct EncodedSample {
    let type: any AidEvent.Type
    let bytes: [UInt8]

    init(_ event: any AidEvent) throws {
        type = Swift.type(of: event)
        bytes = Array(try EventCoding.encoder.encode(event))
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    var jsonObject: [String: Any] {
        get throws {
            guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw SchemaValidator.Failure(description: "\(type.eventType) does not encode as a JSON object")
            }
            return object
        }
    }

    /// Property names at every level of the encoded JSON.
    var allKeys: Set<String> {
        get throws {
            var keys: Set<String> = []
            func visit(_ value: Any) {
                if let object = value as? [String: Any] {
                    keys.formUnion(object.keys)
                    object.values.forEach(visit)
                } else if let array = value as? [Any] {
                    array.forEach(visit)
                }
            }
            visit(try jsonObject)
            return keys
        }
    }

    /// The encoded text with `fragment` replaced; the keys are sorted, so fragments are predictable.
    /// Throws if the fragment is absent, so a broken sample can never silently equal the valid one.
    func replacing(_ fragment: String, with replacement: String) throws -> [UInt8] {
        guard text.contains(fragment) else {
            throw SchemaValidator.Failure(description: "'\(fragment)' not found in \(text)")
        }
        return Array(text.replacingOccurrences(of: fragment, with: replacement).utf8)
    }
}
