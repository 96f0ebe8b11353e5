package org.scalinglab.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.Map;

/**
 * The one way the project reads and writes JSON (Gson), so that every {@code --json} output and
 * every ledger file is valid JSON: a NaN or infinite number is written as {@code null}, and the
 * reason is recorded beside it in a top-level {@code "nulls"} object ({@code {"mfu": "NaN: no peak
 * was measured"}}); reading {@code null} into a {@code double} gives NaN. (JSON, RFC 8259 §6, has no
 * NaN or Infinity; Gson's {@code serializeSpecialFloatingPointValues()} would write the bare,
 * invalid literals.)
 *
 * <pre>{@code
 * String s = Json.object().put("E", 1.69).put("N_opt", Double.NaN, "α ≤ 0: no compute-optimal size").toString();
 * // {"E":1.69,"N_opt":null,"nulls":{"N_opt":"α ≤ 0: no compute-optimal size"}}
 * LedgerRecord r = Json.fromJson(text, LedgerRecord.class);
 * }</pre>
 */
public final class Json {
  /** Name of the object that gives, for each field written as null, why. */
  public static final String NULLS = "nulls";

  /** Doubles: null ↔ NaN on reading; writing never sees a non-finite value (see {@link #tree}). */
  private static final TypeAdapter<Double> DOUBLE = new TypeAdapter<>() {
    @Override
    public void write(JsonWriter out, Double value) throws IOException {
      if (value == null || !Double.isFinite(value)) out.nullValue();
      else out.value(value);
    }

    @Override
    public Double read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return Double.NaN;
      }
      return in.nextDouble(); // lenient reading also accepts the NaN literals older ledgers hold
    }
  };

  /** For trees: writes NaN as a JSON primitive so that {@link #tree} can find and replace it. */
  private static final Gson TREE = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();
  private static final Gson READ = new GsonBuilder().registerTypeAdapter(double.class, DOUBLE)
      .registerTypeAdapter(Double.class, DOUBLE).disableHtmlEscaping().create();
  private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
  private static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting().create();

  private Json() {}

  /** A new object to fill field by field (insertion order is kept). */
  public static Obj object() {
    return new Obj();
  }

  /** Any value (record, map, list, tree) as one line of valid JSON. */
  public static String toJson(Object value) {
    return COMPACT.toJson(tree(value));
  }

  /** Any value as indented valid JSON (ledger files). */
  public static String toPrettyJson(Object value) {
    return PRETTY.toJson(tree(value));
  }

  /**
   * The value as a JSON tree in which every NaN or infinite number has become null, and (when the
   * top level is an object) a {@code "nulls"} object says for each which value it was.
   */
  public static JsonElement tree(Object value) {
    JsonElement t = value instanceof JsonElement e ? e.deepCopy() : TREE.toJsonTree(value);
    JsonObject reasons = new JsonObject();
    JsonElement clean = replaceNonFinite(t, "", reasons);
    if (clean.isJsonObject() && reasons.size() > 0) {
      JsonObject o = clean.getAsJsonObject();
      JsonObject existing = o.has(NULLS) && o.get(NULLS).isJsonObject() ? o.getAsJsonObject(NULLS) : new JsonObject();
      for (Map.Entry<String, JsonElement> e : reasons.entrySet()) {
        if (!existing.has(e.getKey())) existing.add(e.getKey(), e.getValue());
      }
      o.remove(NULLS);
      o.add(NULLS, existing);
    }
    return clean;
  }

  private static JsonElement replaceNonFinite(JsonElement e, String path, JsonObject reasons) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      double x = e.getAsDouble();
      if (!Double.isFinite(x)) {
        reasons.addProperty(path, notFinite(x));
        return JsonNull.INSTANCE;
      }
      return e;
    }
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      for (String k : o.keySet().toArray(new String[0])) {
        if (k.equals(NULLS) && path.isEmpty()) continue;
        o.add(k, replaceNonFinite(o.get(k), path.isEmpty() ? k : path + "." + k, reasons));
      }
      return o;
    }
    if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      for (int i = 0; i < a.size(); i++) a.set(i, replaceNonFinite(a.get(i), path + "[" + i + "]", reasons));
      return a;
    }
    return e;
  }

  private static String notFinite(double x) {
    return Double.isNaN(x) ? "NaN (no value)" : (x > 0 ? "+Infinity" : "-Infinity") + " (not a finite number)";
  }

  /** Reads a value (a record such as a ledger record): null becomes NaN in a double field. */
  public static <T> T fromJson(String text, Class<T> type) {
    return READ.fromJson(text, type);
  }

  /** Parses JSON text; {@link JsonParseException} (with Gson's position) when it is not JSON. */
  public static JsonElement parse(String text) {
    return JsonParser.parseString(text);
  }

  /** Parses text that must be one JSON object; JsonParseException otherwise. */
  public static JsonObject parseObject(String text) {
    JsonElement e = parse(text);
    if (!e.isJsonObject()) throw new JsonParseException("expected a JSON object, got " + kind(e));
    return e.getAsJsonObject();
  }

  /** "an object", "an array", "a string", "a number", "null", "true/false". */
  public static String kind(JsonElement e) {
    if (e == null || e.isJsonNull()) return "null";
    if (e.isJsonObject()) return "an object";
    if (e.isJsonArray()) return "an array";
    JsonPrimitive p = e.getAsJsonPrimitive();
    return p.isNumber() ? "a number" : p.isBoolean() ? "true/false" : "a string";
  }

  /** A JSON object built field by field; a non-finite number becomes null with its reason. */
  public static final class Obj {
    private final JsonObject o = new JsonObject();
    private final JsonObject nulls = new JsonObject();

    private Obj() {}

    public Obj put(String key, String value) {
      o.addProperty(key, value);
      return this;
    }

    public Obj put(String key, long value) {
      o.addProperty(key, value);
      return this;
    }

    public Obj put(String key, boolean value) {
      o.addProperty(key, value);
      return this;
    }

    /** A number; NaN or ±Infinity is written as null with a generic reason. */
    public Obj put(String key, double value) {
      return put(key, value, null);
    }

    /** A number; when it is NaN or ±Infinity it is written as null and {@code whyNotFinite} recorded. */
    public Obj put(String key, double value, String whyNotFinite) {
      if (Double.isFinite(value)) {
        o.addProperty(key, value);
      } else {
        o.add(key, JsonNull.INSTANCE);
        nulls.addProperty(key, whyNotFinite != null ? whyNotFinite : notFinite(value));
      }
      return this;
    }

    /** Any value (list, map, record, tree), non-finite numbers inside it made null with their reasons. */
    public Obj put(String key, Object value) {
      JsonElement t = value instanceof JsonElement e ? e.deepCopy() : TREE.toJsonTree(value);
      JsonObject r = new JsonObject();
      o.add(key, replaceNonFinite(t, key, r));
      for (Map.Entry<String, JsonElement> e : r.entrySet()) nulls.add(e.getKey(), e.getValue());
      return this;
    }

    public boolean has(String key) {
      return o.has(key);
    }

    /** The object as a tree, with the "nulls" object last when any field was null. */
    public JsonObject toTree() {
      JsonObject copy = o.deepCopy();
      if (nulls.size() > 0) copy.add(NULLS, nulls.deepCopy());
      return copy;
    }

    /** One line of valid JSON. */
    @Override
    public String toString() {
      return COMPACT.toJson(toTree());
    }

    /** Indented valid JSON. */
    public String toPrettyString() {
      return PRETTY.toJson(toTree());
    }
  }
}
