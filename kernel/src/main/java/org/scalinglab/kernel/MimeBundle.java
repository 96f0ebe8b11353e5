package org.scalinglab.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Representations of one value keyed by MIME type (e.g. image/png → base64, text/plain → text). */
public final class MimeBundle {
  private final Map<String, String> data = new LinkedHashMap<>();

  public MimeBundle put(String mime, String value) {
    data.put(mime, value);
    return this;
  }

  public Map<String, String> data() {
    return Collections.unmodifiableMap(data);
  }

  public boolean has(String mime) {
    return data.containsKey(mime);
  }

  public String get(String mime) {
    return data.get(mime);
  }

  public boolean isEmpty() {
    return data.isEmpty();
  }

  @Override
  public String toString() {
    return "MimeBundle" + data.keySet();
  }
}
