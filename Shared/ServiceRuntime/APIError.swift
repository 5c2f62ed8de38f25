import AidContracts
import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat

/// An HTTP error whose JSON body names the field and the rule it broke:
/// `{"error": {"status": 422, "field": "rows[3].residentId", "rule": "check digit must be 7, got 3"}}`.
public struct APIError: HTTPResponseError {
    public struct Problem: Codable, Sendable, Equatable {
        public var field: String?
        public var rule: String
        public var line: Int?

        public init(field: String?, rule: String, line: Int? = nil) {
            self.field = field
            self.rule = rule
            self.line = line
        }
    }

    public let status: HTTPResponse.Status
    public let problems: [Problem]

    public init(_ status: HTTPResponse.Status, field: String?, rule: String) {
        self.status = status
        problems = [Problem(field: field, rule: rule)]
    }

    public init(_ status: HTTPResponse.Status, problems: [Problem]) {
        self.status = status
        self.problems = problems
    }

    public static func badRequest(_ field: String, _ rule: String) -> APIError { APIError(.badRequest, field: field, rule: rule) }
    public static func notFound(_ field: String, _ rule: String) -> APIError { APIError(.notFound, field: field, rule: rule) }
    public static func conflict(_ field: String?, _ rule: String) -> APIError { APIError(.conflict, field: field, rule: rule) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let first = problems.first
        let body = APIErrorBody(status: status.code, field: first?.field, rule: first?.rule ?? "", problems: problems)
        let data = try JSONEncoder().encode(["error": body])
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Request {
    /// Decodes a JSON body; a decoding failure becomes a 400 naming the field.
    public func decodeJSON<Value: Decodable>(as type: Value.Type, context: AidRequestContext) async throws -> Value {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError(.badRequest, field: error.field.isEmpty ? nil : error.field, rule: error.rule)
        }
    }
}

private struct APIErrorBody: Encodable {
    var status: Int
    var field: String?
    var rule: String
    var problems: [APIError.Problem]
}
