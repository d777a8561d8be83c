// Native prefilter: finds every keyword (whole word) and anchor (anywhere) of a compiled term set
// in a JS string, in one pass over its UTF-16 code units. Same semantics as JsPrefilter in
// src/detect/prefilter.ts; the JS one is the fallback and the reference the tests compare with.
#include <node_api.h>
#include <v8.h>

#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace {

inline uint16_t Fold(uint16_t c) {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 0xc0) return c;
  if (c <= 0xde && c != 0xd7) return c + 32;
  if (c >= 0x100 && c <= 0x17f && (c & 1) == 0 && c != 0x130 && c != 0x138) return c + 1;
  if (c >= 0x391 && c <= 0x3ab && c != 0x3a2) return c + 32;  // Greek capitals
  if (c == 0x386) return 0x3ac;  // Greek capitals with tonos
  if (c >= 0x388 && c <= 0x38a) return c + 37;
  if (c == 0x38c) return 0x3cc;
  if (c == 0x38e || c == 0x38f) return c + 63;
  if (c >= 0x410 && c <= 0x42f) return c + 32;                // Cyrillic А–Я
  if (c >= 0x400 && c <= 0x40f) return c + 80;                // Cyrillic Ѐ–Џ
  return c;
}

// The upper-case form of a folded Latin-1 letter (the inverse of Fold within Latin-1).
inline uint16_t Unfold(uint16_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 32;
  return c;
}

inline bool IsWord(uint16_t c) {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c >= 0xc0 && c != 0xd7 && c != 0xf7 && c < 0x2000;
}
inline bool IsLower(uint16_t c) { return c >= 97 && c <= 122; }
inline bool IsUpper(uint16_t c) { return c >= 65 && c <= 90; }

struct Trie {
  std::vector<int16_t> alpha = std::vector<int16_t>(65536, -1);
  int k = 1;
  std::vector<int32_t> next;
  std::vector<std::vector<int32_t>> ends;

  void Build(const std::vector<std::vector<uint16_t>>& terms, const std::vector<int32_t>& which) {
    int n = 0;
    for (int32_t t : which)
      for (uint16_t c : terms[t])
        if (alpha[c] < 0) alpha[c] = static_cast<int16_t>(n++);
    for (uint32_t c = 0; c < 65536; c++) {
      uint16_t f = Fold(static_cast<uint16_t>(c));
      if (f != c && alpha[f] >= 0) alpha[c] = alpha[f];
    }
    k = n > 0 ? n : 1;
    next.assign(k, -1);
    ends.clear();
    ends.emplace_back();
    for (int32_t t : which) {
      int32_t s = 0;
      for (uint16_t c : terms[t]) {
        int x = alpha[c];
        int32_t nx = next[s * k + x];
        if (nx < 0) {
          nx = static_cast<int32_t>(ends.size());
          ends.emplace_back();
          next.resize(next.size() + k, -1);
          next[s * k + x] = nx;
        }
        s = nx;
      }
      ends[s].push_back(t);
    }
  }
};

// Keywords that start with a letter or digit are probed only at word starts (most positions are
// not); anchors and keywords starting with punctuation are probed everywhere.
struct Matcher {
  Trie word;
  Trie any;
  std::vector<uint8_t> is_anchor;
  // ASCII fast path: which (folded) byte pairs begin a word term, which bytes begin an "any" term.
  std::vector<uint8_t> word_pair = std::vector<uint8_t>(65536, 0);
  uint8_t word_single[256] = {0};
  uint8_t any_first[256] = {0};
  std::vector<uint8_t> any_first_list;  // distinct bytes (both cases) for the SIMD compare
  bool word_digit_start = false;        // some keyword starts with a digit
};

std::vector<char16_t>& Scratch() {
  static thread_local std::vector<char16_t> buf;
  return buf;
}

bool ReadString(napi_env env, napi_value v, std::vector<char16_t>& out, size_t* len) {
  if (napi_get_value_string_utf16(env, v, nullptr, 0, len) != napi_ok) return false;
  if (out.size() < *len + 1) out.resize(*len + 1);
  size_t written = 0;
  return napi_get_value_string_utf16(env, v, out.data(), *len + 1, &written) == napi_ok;
}

std::vector<char>& ScratchBytes() {
  static thread_local std::vector<char> buf;
  return buf;
}

// Walks one trie from position i and emits the terms that end at an acceptable place: anchors
// anywhere, keywords only where the next character does not continue the word.
template <typename Char, typename Emit>
inline void Walk(const Matcher& m, const Trie& trie, const Char* s, size_t n, size_t i, Emit& emit) {
  int x0 = trie.alpha[s[i]];
  if (x0 < 0) return;
  int32_t st = trie.next[x0];
  size_t j = i + 1;
  while (st >= 0) {
    for (int32_t t : trie.ends[st]) {
      if (!m.is_anchor[t]) {
        uint16_t last = s[j - 1];
        if (j < n && IsWord(last)) {
          uint16_t a = s[j];
          if (IsWord(a) && !(IsLower(last) && IsUpper(a))) continue;
        }
      }
      emit(i, j, t);
    }
    if (j >= n) break;
    int x = trie.alpha[s[j]];
    if (x < 0) break;
    st = trie.next[st * trie.k + x];
    j++;
  }
}

template <typename Emit>
void ScanUtf16(const Matcher& m, const char16_t* s, size_t n, Emit& emit) {
  const bool has_any = m.any.ends.size() > 1;
  // The SIMD path handles "any" terms that begin with an ASCII character (the usual case).
  bool any_ascii = true;
  for (int c = 128; c < 65536 && any_ascii; c++)
    if (m.any.alpha[c] >= 0 && m.any.next[m.any.alpha[c]] >= 0) any_ascii = false;
  size_t i = 0;
#if defined(__SSE2__)
  const size_t nany = m.any_first_list.size();
  if (any_ascii && nany <= 16) {
    const __m128i bias = _mm_set1_epi16(static_cast<short>(0x8000));
    auto range = [&](__m128i v, int lo, int hi) {  // lo <= v <= hi, unsigned 16-bit
      __m128i b = _mm_xor_si128(v, bias);
      return _mm_and_si128(_mm_cmpgt_epi16(b, _mm_set1_epi16(static_cast<short>((lo - 1) ^ 0x8000))),
                           _mm_cmplt_epi16(b, _mm_set1_epi16(static_cast<short>((hi + 1) ^ 0x8000))));
    };
    auto bits = [](__m128i mask) { return static_cast<uint32_t>(_mm_movemask_epi8(_mm_packs_epi16(mask, _mm_setzero_si128()))) & 0xff; };
    __m128i firsts[16];
    for (size_t k = 0; k < nany; k++) firsts[k] = _mm_set1_epi16(m.any_first_list[k]);
    const __m128i times = _mm_set1_epi16(0xd7), divide = _mm_set1_epi16(0xf7);
    uint32_t prev_word = 0, prev_lower = 0;
    for (; i + 8 <= n; i += 8) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      uint32_t lo = bits(range(v, 'a', 'z'));
      uint32_t up = bits(range(v, 'A', 'Z'));
      __m128i ext = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi16(v, times), _mm_cmpeq_epi16(v, divide)), range(v, 0xc0, 0x1fff));
      uint32_t dig = bits(range(v, '0', '9'));
      uint32_t word = lo | up | dig | bits(ext);
      uint32_t word_before = ((word << 1) | prev_word) & 0xff;
      uint32_t lower_before = ((lo << 1) | prev_lower) & 0xff;
      uint32_t starts = (word & ~word_before) | (up & lower_before);
      if (!m.word_digit_start) starts &= ~dig;
      uint32_t any = 0;
      if (has_any && nany > 0) {
        __m128i hit = _mm_setzero_si128();
        for (size_t k = 0; k < nany; k++) hit = _mm_or_si128(hit, _mm_cmpeq_epi16(v, firsts[k]));
        any = bits(hit);
      }
      prev_word = (word >> 7) & 1;
      prev_lower = (lo >> 7) & 1;
      for (uint32_t todo = starts | any; todo != 0; todo &= todo - 1) {
        unsigned b = static_cast<unsigned>(__builtin_ctz(todo));
        if ((any >> b) & 1) Walk(m, m.any, s, n, i + b, emit);
        if ((starts >> b) & 1) Walk(m, m.word, s, n, i + b, emit);
      }
    }
  }
#endif
  for (; i < n; i++) {
    uint16_t c = s[i];
    uint16_t p = i > 0 ? s[i - 1] : ' ';
    if (has_any) Walk(m, m.any, s, n, i, emit);
    if (IsWord(c) && (!IsWord(p) || (IsLower(p) && IsUpper(c)))) Walk(m, m.word, s, n, i, emit);
  }
}

// At position i of Latin-1 text: probe the "any" trie if its first byte can start an any-term, and
// the word trie at word starts whose first two bytes begin a keyword.
template <typename Emit>
inline void Probe(const Matcher& m, const uint8_t* s, size_t n, size_t i, bool word_start, Emit& emit) {
  if (m.any_first[s[i]]) Walk(m, m.any, s, n, i, emit);
  if (word_start) {
    bool pair = i + 1 < n && m.word_pair[(s[i] << 8) | s[i + 1]];
    if (pair || m.word_single[s[i]]) Walk(m, m.word, s, n, i, emit);
  }
}

// Copies UTF-16 units to bytes; false (stopping early) when one does not fit in a byte.
bool Narrow(const char16_t* s, size_t n, uint8_t* out) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i high = _mm_set1_epi16(static_cast<short>(0xff00));
  for (; i + 16 <= n; i += 16) {
    __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 8));
    if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(_mm_or_si128(a, b), high), _mm_setzero_si128())) != 0xffff) return false;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), _mm_packus_epi16(a, b));
  }
#endif
  for (; i < n; i++) {
    if (s[i] > 0xff) return false;
    out[i] = static_cast<uint8_t>(s[i]);
  }
  return true;
}

template <typename Emit>
void ScanLatin1(const Matcher& m, const uint8_t* s, size_t n, Emit& emit) {
  size_t i = 0;
#if defined(__SSE2__)
  const size_t nany = m.any_first_list.size();
  if (nany <= 16) {
    const __m128i a_lo = _mm_set1_epi8('a' - 1), a_hi = _mm_set1_epi8('z' + 1);
    const __m128i u_lo = _mm_set1_epi8('A' - 1), u_hi = _mm_set1_epi8('Z' + 1);
    const __m128i d_lo = _mm_set1_epi8('0' - 1), d_hi = _mm_set1_epi8('9' + 1);
    const __m128i c0 = _mm_set1_epi8(static_cast<char>(0xc0));
    const __m128i times = _mm_set1_epi8(static_cast<char>(0xd7)), divide = _mm_set1_epi8(static_cast<char>(0xf7));
    __m128i firsts[16];
    for (size_t k = 0; k < nany; k++) firsts[k] = _mm_set1_epi8(static_cast<char>(m.any_first_list[k]));
    uint32_t prev_word = 0, prev_lower = 0;  // bit 0: the byte before this block
    for (; i + 16 <= n; i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(v, a_lo), _mm_cmplt_epi8(v, a_hi));
      __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, u_lo), _mm_cmplt_epi8(v, u_hi));
      __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, d_lo), _mm_cmplt_epi8(v, d_hi));
      uint32_t lo = static_cast<uint32_t>(_mm_movemask_epi8(lower));
      uint32_t up = static_cast<uint32_t>(_mm_movemask_epi8(upper));
      // Latin-1 letters 0xC0–0xFF except × and ÷ are word characters too.
      __m128i high = _mm_cmpeq_epi8(_mm_max_epu8(v, c0), v);
      high = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, times), _mm_cmpeq_epi8(v, divide)), high);
      uint32_t dig = static_cast<uint32_t>(_mm_movemask_epi8(digit));
      uint32_t word = lo | up | dig | static_cast<uint32_t>(_mm_movemask_epi8(high));
      uint32_t word_before = ((word << 1) | prev_word) & 0xffff;
      uint32_t lower_before = ((lo << 1) | prev_lower) & 0xffff;
      uint32_t starts = (word & ~word_before) | (up & lower_before);
      // Numbers and hex runs start many words; skip them unless a keyword starts with a digit.
      if (!m.word_digit_start) starts &= ~dig;
      uint32_t any = 0;
      if (nany > 0) {
        __m128i hit = _mm_setzero_si128();
        for (size_t k = 0; k < nany; k++) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, firsts[k]));
        any = static_cast<uint32_t>(_mm_movemask_epi8(hit));
      }
      prev_word = (word >> 15) & 1;
      prev_lower = (lo >> 15) & 1;
      for (uint32_t todo = starts | any; todo != 0; todo &= todo - 1) {
        unsigned b = static_cast<unsigned>(__builtin_ctz(todo));
        Probe(m, s, n, i + b, (starts >> b) & 1, emit);
      }
    }
  }
#endif
  for (; i < n; i++) {
    uint8_t c = s[i];
    uint8_t p = i > 0 ? s[i - 1] : ' ';
    bool word_start = IsWord(c) && (!IsWord(p) || (IsLower(p) && IsUpper(c)));
    Probe(m, s, n, i, word_start, emit);
  }
}

void Finalize(napi_env, void* data, void*) { delete static_cast<Matcher*>(data); }

napi_value Throw(napi_env env, const char* msg) {
  napi_throw_type_error(env, nullptr, msg);
  return nullptr;
}

// compile(terms: string[], anchors: Uint8Array) → handle
napi_value Compile(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 2) return Throw(env, "compile(terms, anchors)");
  uint32_t n = 0;
  if (napi_get_array_length(env, argv[0], &n) != napi_ok) return Throw(env, "terms must be an array");
  napi_typedarray_type type;
  size_t flags_len = 0;
  void* flags_data = nullptr;
  if (napi_get_typedarray_info(env, argv[1], &type, &flags_len, &flags_data, nullptr, nullptr) != napi_ok ||
      type != napi_uint8_array || flags_len != n)
    return Throw(env, "anchors must be a Uint8Array with one flag per term");
  auto* m = new Matcher();
  std::vector<std::vector<uint16_t>> terms(n);
  std::vector<int32_t> word_terms, any_terms;
  const uint8_t* flags = static_cast<const uint8_t*>(flags_data);
  for (uint32_t t = 0; t < n; t++) {
    napi_value s;
    napi_get_element(env, argv[0], t, &s);
    size_t len = 0;
    auto& buf = Scratch();
    if (!ReadString(env, s, buf, &len) || len == 0) {
      delete m;
      return Throw(env, "terms must be non-empty strings");
    }
    for (size_t i = 0; i < len; i++) terms[t].push_back(Fold(buf[i]));
    m->is_anchor.push_back(flags[t]);
    if (!flags[t] && IsWord(terms[t][0])) {
      word_terms.push_back(static_cast<int32_t>(t));
      if (terms[t][0] >= '0' && terms[t][0] <= '9') m->word_digit_start = true;
    }
    else any_terms.push_back(static_cast<int32_t>(t));
  }
  m->word.Build(terms, word_terms);
  m->any.Build(terms, any_terms);
  // Terms whose first characters are beyond Latin-1 never occur in Latin-1 text.
  for (int32_t t : word_terms) {
    const auto& w = terms[t];
    if (w[0] >= 256) continue;
    if (w.size() == 1) {
      m->word_single[w[0]] = 1;
      m->word_single[Unfold(w[0])] = 1;
    } else if (w[1] < 256) {
      for (uint16_t c0 : {w[0], Unfold(w[0])})
        for (uint16_t c1 : {w[1], Unfold(w[1])}) m->word_pair[(c0 << 8) | c1] = 1;
    }
  }
  for (int32_t t : any_terms) {
    uint16_t c = terms[t][0];
    if (c >= 256) continue;
    for (uint16_t v : {c, Unfold(c)}) {
      if (!m->any_first[v]) m->any_first_list.push_back(static_cast<uint8_t>(v));
      m->any_first[v] = 1;
    }
  }
  napi_value handle;
  napi_create_external(env, m, Finalize, nullptr, &handle);
  return handle;
}

// scan(handle, text: string, out: Int32Array) → number of hits (written while they fit)
napi_value Scan(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 3) return Throw(env, "scan(handle, text, out)");
  void* data = nullptr;
  if (napi_get_value_external(env, argv[0], &data) != napi_ok) return Throw(env, "bad handle");
  const Matcher& m = *static_cast<Matcher*>(data);
  napi_typedarray_type type;
  size_t cap = 0;
  void* out_data = nullptr;
  if (napi_get_typedarray_info(env, argv[2], &type, &cap, &out_data, nullptr, nullptr) != napi_ok || type != napi_int32_array)
    return Throw(env, "out must be an Int32Array");
  int32_t* out = static_cast<int32_t*>(out_data);
  size_t count = 0;
  auto emit = [&](size_t i, size_t j, int32_t t) {
    if ((count + 1) * 3 <= cap) {
      out[count * 3] = static_cast<int32_t>(i);
      out[count * 3 + 1] = static_cast<int32_t>(j);
      out[count * 3 + 2] = t;
    }
    count++;
  };
  // The text is read through V8 directly: a one-byte string (ASCII, Latin-1: most text) is
  // copied once as bytes, no UTF-16 round trip. A napi_value is a v8::Local in Node's own
  // implementation (v8impl::V8LocalValueFromJsValue); the addon is compiled against the running
  // Node's headers at install, and the tests compare it with the JS prefilter.
  napi_valuetype kind;
  if (napi_typeof(env, argv[1], &kind) != napi_ok || kind != napi_string) return Throw(env, "text must be a string");
  v8::Local<v8::Value> value;
  static_assert(sizeof(value) == sizeof(argv[1]), "napi_value is a v8::Local");
  std::memcpy(static_cast<void*>(&value), &argv[1], sizeof(argv[1]));
  v8::Local<v8::String> str = value.As<v8::String>();
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  const size_t n = static_cast<size_t>(str->Length());
  auto& bytes = ScratchBytes();
  if (bytes.size() < n + 16) bytes.resize(n + 16);
  uint8_t* b = reinterpret_cast<uint8_t*>(bytes.data());
  if (str->IsOneByte()) {
    str->WriteOneByte(isolate, b, 0, static_cast<int>(n), v8::String::NO_NULL_TERMINATION);
    ScanLatin1(m, b, n, emit);
  } else {
    auto& text = Scratch();
    if (text.size() < n + 1) text.resize(n + 1);
    str->Write(isolate, reinterpret_cast<uint16_t*>(text.data()), 0, static_cast<int>(n), v8::String::NO_NULL_TERMINATION);
    if (Narrow(text.data(), n, b)) ScanLatin1(m, b, n, emit);
    else ScanUtf16(m, text.data(), n, emit);
  }
  napi_value result;
  napi_create_double(env, static_cast<double>(count), &result);
  return result;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"compile", nullptr, Compile, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"scan", nullptr, Scan, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, 2, props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
