import Foundation

/// A value behind a lock, for the few places threads share state (the runner's page store and
/// error slot, the exporters' outcomes, the stage clock, the write ledger).
///
/// Not `Synchronization.Mutex`: on Linux that is a futex the precompiled standard library
/// implements, which ThreadSanitizer cannot see, so `make test-tsan` reported every access under
/// it as a race. `NSLock` is a pthread mutex, which ThreadSanitizer understands, so its reports
/// mean something.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
