package org.scalinglab.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A shared library opened through {@code java.lang.foreign} ({@code dlopen} by path or by soname),
 * kept open for the life of the JVM (the global arena: CUDA's libraries are never unloaded), and
 * downcall handles to its functions.
 */
final class NativeLibrary {
  static final Linker LINKER = Linker.nativeLinker();

  private final String name;
  private final SymbolLookup lookup;

  private NativeLibrary(String name, SymbolLookup lookup) {
    this.name = name;
    this.lookup = lookup;
  }

  /** Opens a library by path. @throws IllegalArgumentException when the loader cannot load it */
  static NativeLibrary open(Path path) {
    return new NativeLibrary(path.toString(), SymbolLookup.libraryLookup(path, Arena.global()));
  }

  /** Opens a library by soname through the system loader. @throws IllegalArgumentException when it cannot */
  static NativeLibrary open(String soname) {
    return new NativeLibrary(soname, SymbolLookup.libraryLookup(soname, Arena.global()));
  }

  /** Opens the library found, by path when a folder held it, else by soname. */
  static NativeLibrary open(CudaLibraryLocator.Found found) {
    return found.path().map(NativeLibrary::open).orElseGet(() -> open(found.soname()));
  }

  String name() {
    return name;
  }

  Optional<MemorySegment> find(String symbol) {
    return lookup.find(symbol);
  }

  /**
   * A downcall handle to the first of {@code symbols} the library exports (newer versioned names
   * first, e.g. {@code cuMemAlloc_v2}).
   *
   * @throws IllegalStateException naming the library and symbol when none is exported
   */
  MethodHandle function(FunctionDescriptor fd, String... symbols) {
    for (String s : symbols) {
      Optional<MemorySegment> addr = lookup.find(s);
      if (addr.isPresent()) return LINKER.downcallHandle(addr.get(), fd);
    }
    throw new IllegalStateException(name + " has no function " + String.join(" or ", symbols));
  }

  /** Like {@link #function} but null when the library does not export it (an optional function). */
  MethodHandle optional(FunctionDescriptor fd, String... symbols) {
    for (String s : symbols) {
      Optional<MemorySegment> addr = lookup.find(s);
      if (addr.isPresent()) return LINKER.downcallHandle(addr.get(), fd);
    }
    return null;
  }

  /** A C string at {@code address} (a {@code const char*} a library returned); null for NULL. */
  static String cString(MemorySegment address) {
    if (address == null || address.equals(MemorySegment.NULL)) return null;
    return address.reinterpret(4096).getString(0);
  }
}
