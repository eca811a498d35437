import Foundation
@testable import Preservation
import Testing
import TestSupport

/// The audit's listing of a content folder (readdir, the entries' own types) finds what Foundation's
/// enumerator found: every non-folder entry at any depth, links not followed, and names that are not
/// UTF-8 reported rather than lost.
struct ContentWalkTests {
    @Test func everyNonFolderAtAnyDepthAndNoLinkFollowed() throws {
        let folder = TemporaryDirectory("content-walk")
        let root = folder.path("content")
        let files = FileManager.default
        try files.createDirectory(at: root.appendingPathComponent("a/b/c"), withIntermediateDirectories: true)
        try files.createDirectory(at: root.appendingPathComponent("vacia"), withIntermediateDirectories: true)
        for path in ["uno.tif", "a/dos.txt", "a/b/c/tres.xml"] { try Data(path.utf8).write(to: root.appendingPathComponent(path)) }
        try files.createSymbolicLink(atPath: root.appendingPathComponent("a/enlace").path, withDestinationPath: "b")
        // A name that is not UTF-8 (bytes written as they are, as a careless copy could leave them).
        let raw = Array(root.appendingPathComponent("a").path.utf8) + [0x2F, 0x6D, 0xE9, 0x78, 0]
        let fd = raw.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        try #require(fd >= 0)
        close(fd)

        let found = ContentWalk.nonFolders(under: root.path).sorted()
        #expect(found == ["a/b/c/tres.xml", "a/dos.txt", "a/enlace", "a/m\u{FFFD}x", "uno.tif"], "\(found)")
        #expect(ContentWalk.nonFolders(under: folder.path("no-existe").path).isEmpty)
    }
}
