// Package rest is the HTTP plumbing shared by the providers: resty with a
// timeout on every request, a cap on how much of a body is read, retries with
// backoff for GETs only, and every failure turned into a client error type.
// Providers say how their API spells errors (ParseError); the mapping from
// status to type is the same for all of them.
package rest

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/go-resty/resty/v2"

	"github.com/tokentui/tokentui/client"
)

// Limits on what is read from a server. A list of 100 000 tokens is about
// 30 MB of JSON; a single object is never more than a few KB.
const (
	DefaultTimeout   = 20 * time.Second
	DefaultMaxBody   = 1 << 20  // 1 MiB for single objects and errors
	DefaultListBody  = 64 << 20 // 64 MiB for list endpoints
	DefaultRetries   = 3
	maxRetryAfterCap = 10 * time.Second // longer waits are reported, not slept
)

// ErrorInfo is what a provider reads out of an error body.
type ErrorInfo struct {
	Message string              // human message; sanitised by the caller
	Need    string              // missing scope/role, for 403
	Fields  map[string][]string // per-field validation messages, keyed by client.Field*
}

// Config configures one API client.
type Config struct {
	BaseURL string
	// Authorize sets the credentials on a request (bearer or raw header).
	Authorize func(r *resty.Request)
	Timeout   time.Duration
	MaxBody   int
	ListBody  int
	Retries   int
	// BaseBackoff is the first retry delay (doubled each attempt, jittered).
	BaseBackoff time.Duration
	CAFile      string
	// ParseError extracts what the API says in an error body; body may be
	// HTML or empty, and ParseError must not fail on it.
	ParseError func(status int, body []byte) ErrorInfo
	// HTTPClient replaces the transport (tests).
	HTTPClient *http.Client
}

// ForConnection builds the Client of a provider from the connection every
// provider constructor takes: the provider says only how it authorises and
// how its API words errors; timeouts, retries and the CA are the user's.
func ForConnection(conn client.Connection, baseURL string, authorize func(*resty.Request), parseError func(int, []byte) ErrorInfo) (*Client, error) {
	// A server may echo the admin token ("token Bearer … is not valid"):
	// every error masks it from here on.
	client.RememberSecret(conn.Token)
	return New(Config{
		BaseURL:     baseURL,
		Authorize:   authorize,
		Timeout:     conn.Timeout,
		Retries:     conn.Retries,
		BaseBackoff: conn.RetryBackoff,
		CAFile:      conn.CAFile,
		ParseError:  parseError,
	})
}

// Client sends requests for one provider.
type Client struct {
	r   *resty.Client
	cfg Config
}

// New builds a Client. Only the CA file can make it fail.
func New(cfg Config) (*Client, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.ListBody <= 0 {
		cfg.ListBody = DefaultListBody
	}
	if cfg.Retries < 0 {
		cfg.Retries = 0
	} else if cfg.Retries == 0 {
		cfg.Retries = DefaultRetries
	}
	if cfg.BaseBackoff <= 0 {
		cfg.BaseBackoff = 250 * time.Millisecond
	}
	var r *resty.Client
	if cfg.HTTPClient != nil {
		r = resty.NewWithClient(cfg.HTTPClient)
	} else {
		r = resty.New()
	}
	r.SetBaseURL(strings.TrimRight(cfg.BaseURL, "/")).
		SetTimeout(cfg.Timeout).
		SetRetryCount(0). // retries are ours: GET only, see Do
		SetHeader("Accept", "application/json").
		SetHeader("User-Agent", "tokentui").
		SetRedirectPolicy(resty.NoRedirectPolicy()) // never carry the bearer token elsewhere
	r.SetLogger(silentLogger{})
	if cfg.CAFile != "" {
		pool, err := readCAFile(cfg.CAFile)
		if err != nil {
			return nil, err
		}
		r.SetTLSClientConfig(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12})
	}
	return &Client{r: r, cfg: cfg}, nil
}

// maxCAFile bounds a CA bundle: the whole Mozilla bundle is about 220 KB.
// Without a bound, --ca-file /dev/zero read until memory ran out.
const maxCAFile = 4 << 20

// readCAFile reads a PEM bundle of at most maxCAFile bytes. The path is the
// user's input and is shown sanitised.
func readCAFile(path string) (*x509.CertPool, error) {
	shown := client.Sanitize(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading CA file: %s", client.Sanitize(err.Error()))
	}
	defer f.Close()
	pem, err := io.ReadAll(io.LimitReader(f, maxCAFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading CA file %s: %s", shown, client.Sanitize(err.Error()))
	}
	if len(pem) > maxCAFile {
		return nil, fmt.Errorf("CA file %s is larger than %s; that is no certificate bundle", shown, byteSize(maxCAFile))
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("CA file %s holds no PEM certificate", shown)
	}
	return pool, nil
}

// Request describes one call.
type Request struct {
	Method string
	Path   string
	Body   any // marshalled as JSON when non-nil
	// List marks a list endpoint: the larger body cap applies.
	List bool
	// Stream, when set, reads a 2xx body as it arrives instead of having it
	// buffered whole (Response.Body is then nil), so a large list is never
	// in memory twice, as bytes and as decoded values. It is called once per
	// attempt; the body cap applies, and a read failure is reported (and a
	// GET retried) as any network error would be. GetList uses it.
	Stream func(Body) error
}

// Body is a 2xx answer being read as it arrives.
type Body struct {
	io.Reader
	Status int
	Length int64 // the announced length; -1 when unknown (chunked, gzip)
}

// Response is a successful (2xx) answer.
type Response struct {
	Status int
	Body   []byte
	Header http.Header
}

// Do sends the request. GETs are retried on network errors, 429 (honouring
// Retry-After) and 5xx; other methods are sent once, because a retried POST
// could create a second token and the first one's secret would be lost.
// A write that failed after it may have reached the server returns a
// client.UnknownOutcomeError (see outcome.go).
func (c *Client) Do(ctx context.Context, req Request) (Response, error) {
	attempts := 1
	if req.Method == http.MethodGet {
		attempts += c.cfg.Retries
	}
	var lastErr error
	for attempt := 0; attempt < attempts; attempt++ {
		resp, err := c.once(ctx, req)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		wait, retry := c.retryable(err, attempt)
		if !retry || attempt == attempts-1 {
			break
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return Response{}, &client.NetworkError{Op: "cancelled", Err: ctx.Err()}
		}
	}
	return Response{}, lastErr
}

// JSON sends the request and decodes a JSON answer into out.
func (c *Client) JSON(ctx context.Context, req Request, out any) error {
	resp, err := c.Do(ctx, req)
	if err != nil {
		return err
	}
	return Decode(resp, out)
}

// Decode unmarshals a successful response, turning HTML, truncation and
// wrong shapes into a client.ServerError that says what was wrong.
func Decode(resp Response, out any) error {
	body, err := jsonBody(resp)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, out); err != nil {
		return decodeError(resp.Status, err, "")
	}
	return nil
}

// jsonBody is the body without surrounding space, or the error for an
// answer that cannot be JSON at all (empty, an HTML page).
func jsonBody(resp Response) ([]byte, error) {
	body := bytes.TrimSpace(resp.Body)
	if len(body) == 0 {
		return nil, &client.ServerError{Status: resp.Status, Message: "the server sent an empty answer where JSON was expected"}
	}
	if looksHTML(body) {
		return nil, &client.ServerError{Status: resp.Status, Message: "the server answered with an HTML page, not JSON (is the URL right?)"}
	}
	return body, nil
}

// decodeError words an encoding/json error for a person. path is where in
// the document the decoded value sits ("" for the whole document), because
// an error from decoding one list element names fields relative to it.
func decodeError(status int, err error, path string) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		field := typ.Field
		if path != "" {
			field = strings.TrimSuffix(path+"."+field, ".")
		}
		return &client.ServerError{Status: status, Message: fmt.Sprintf("the answer has an unexpected shape (%s is %s, expected %s)", fieldOr(field), typ.Value, typ.Type)}
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		strings.Contains(err.Error(), "unexpected end of JSON input"):
		return &client.ServerError{Status: status, Message: "the answer is not valid JSON (truncated or garbled)"}
	default:
		return &client.ServerError{Status: status, Message: "the answer is not valid JSON: " + client.Sanitize(err.Error())}
	}
}

func fieldOr(f string) string {
	if f == "" {
		return "the document"
	}
	return client.Sanitize(f)
}

func (c *Client) once(ctx context.Context, req Request) (Response, error) {
	write := isWrite(req.Method)
	var sent *atomic.Bool
	if write {
		ctx, sent = traceSent(ctx)
	}
	r := c.r.R().SetContext(ctx)
	limit := c.cfg.MaxBody
	if req.List {
		limit = c.cfg.ListBody
	}
	// The body is read by readBody, in as few allocations as its size allows.
	r.SetDoNotParseResponse(true)
	if c.cfg.Authorize != nil {
		c.cfg.Authorize(r)
	}
	if req.Body != nil {
		r.SetHeader("Content-Type", "application/json").SetBody(req.Body)
	}
	resp, err := r.Execute(req.Method, req.Path)
	if err == nil && resp.RawResponse == nil {
		err = errors.New("no response")
	}
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode()
		}
		if write && sent.Load() {
			return Response{}, maybeDone(status, transportError(ctx, err, status, limit))
		}
		return Response{}, transportError(ctx, err, status, limit)
	}
	raw := resp.RawResponse.Body
	if status := resp.StatusCode(); write && req.Stream == nil && status >= 200 && status < 300 {
		body, err := readAccepted(ctx, raw, status, limit)
		raw.Close()
		if err != nil {
			return Response{}, err
		}
		return Response{Status: status, Body: body, Header: resp.Header()}, nil
	}
	var progress *client.Progress
	if req.List {
		progress = client.ProgressOf(ctx)
	}
	if status := resp.StatusCode(); req.Stream != nil && status >= 200 && status < 300 {
		body := &cappedReader{r: raw, left: limit, progress: progress}
		err := req.Stream(Body{Reader: body, Status: status, Length: resp.RawResponse.ContentLength})
		raw.Close()
		if body.err != nil { // the read failed, whatever the decoder made of it
			return Response{}, transportError(ctx, body.err, status, limit)
		}
		if err != nil {
			return Response{}, err
		}
		return Response{Status: status, Header: resp.Header()}, nil
	}
	if status := resp.StatusCode(); status < 200 || status >= 300 {
		limit = c.cfg.MaxBody // an error answer is a few words, even to a list request
	}
	var in io.Reader = raw
	if progress != nil {
		in = &cappedReader{r: raw, left: limit, progress: progress} // counts; readBody caps
	}
	body, err := readBody(in, resp.RawResponse.ContentLength, limit)
	raw.Close()
	if err != nil {
		return Response{}, transportError(ctx, err, resp.StatusCode(), limit)
	}
	out := Response{Status: resp.StatusCode(), Body: body, Header: resp.Header()}
	if out.Status >= 200 && out.Status < 300 {
		return out, nil
	}
	if write && out.Status >= 500 {
		return Response{}, maybeDone(out.Status, c.statusError(out))
	}
	return Response{}, c.statusError(out)
}

func transportError(ctx context.Context, err error, status, limit int) error {
	// Go quotes the whole request URL in a transport error, and Unleash puts
	// the token's secret in the path (DELETE/PUT /api-tokens/<secret>): keep
	// only the cause, never the URL, in what we return or wrap.
	var urlErr *url.Error
	if errors.As(err, &urlErr) && urlErr.Err != nil {
		err = urlErr.Err
	}
	if errors.Is(err, resty.ErrResponseBodyTooLarge) || errors.Is(err, errBodyTooLarge) {
		return &client.ServerError{Status: status, Message: "the answer is larger than " + byteSize(limit) + "; refused to read it"}
	}
	if ctx.Err() == context.Canceled {
		return &client.NetworkError{Op: "cancelled", Err: ctx.Err()}
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &client.NetworkError{Op: "timeout", Err: err}
	}
	if strings.Contains(err.Error(), "auto redirect is disabled") {
		return &client.ServerError{Status: status, Message: "the server redirected; tokentui does not follow redirects with the admin token (check the URL)"}
	}
	return &client.NetworkError{Op: "connect", Err: errors.New(client.Sanitize(err.Error()))}
}

// byteSize writes a limit the way a person reads it: "64 MiB", "512 KiB".
func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.Itoa(n>>20) + " MiB"
	case n >= 1<<10:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}

func (c *Client) statusError(resp Response) error {
	var info ErrorInfo
	if c.cfg.ParseError != nil && !looksHTML(bytes.TrimSpace(resp.Body)) {
		info = c.cfg.ParseError(resp.Status, resp.Body)
	}
	msg := serverWords(info.Message)
	switch {
	case resp.Status == http.StatusUnauthorized:
		return &client.UnauthorizedError{Message: msg}
	case resp.Status == http.StatusForbidden:
		return &client.ForbiddenError{Need: serverWords(info.Need), Message: msg}
	case resp.Status == http.StatusNotFound:
		return &client.NotFoundError{What: msg}
	case resp.Status == http.StatusTooManyRequests:
		return &client.RateLimitedError{RetryAfter: retryAfter(resp.Header)}
	case resp.Status == http.StatusBadRequest || resp.Status == http.StatusUnprocessableEntity || resp.Status == http.StatusConflict:
		v := &client.ValidationError{Message: msg}
		for f, ms := range info.Fields {
			for _, m := range ms {
				v.Add(serverWords(f), serverWords(m))
			}
		}
		if v.Message == "" && len(v.Fields) == 0 {
			v.Message = "the server refused the request (HTTP " + strconv.Itoa(resp.Status) + ")"
			if looksHTML(bytes.TrimSpace(resp.Body)) {
				v.Message += "; it sent an HTML page instead of details"
			}
		}
		return v
	case resp.Status >= 500:
		return &client.ServerError{Status: resp.Status, Message: msg}
	default:
		if msg == "" {
			msg = http.StatusText(resp.Status)
		}
		return &client.ServerError{Status: resp.Status, Message: msg}
	}
}

// maxServerWords bounds what of a server's message is kept: enough for any
// real explanation, not a megabyte of it on stderr.
const maxServerWords = 1000

// serverWords is a server's message made fit to show: sanitised, scrubbed of
// every remembered secret before it is cut (so a cut cannot leave a piece of
// a secret too short to recognise), and cut to maxServerWords characters.
func serverWords(s string) string {
	s = client.Scrub(client.Sanitize(s))
	if utf8.RuneCountInString(s) <= maxServerWords {
		return s
	}
	return string([]rune(s)[:maxServerWords]) + "…"
}

// retryable says whether a GET that failed with err is worth another try and
// after how long.
func (c *Client) retryable(err error, attempt int) (time.Duration, bool) {
	backoff := c.cfg.BaseBackoff << attempt
	backoff += time.Duration(rand.Int64N(int64(backoff)/2 + 1))
	var rl *client.RateLimitedError
	var se *client.ServerError
	var ne *client.NetworkError
	switch {
	case errors.As(err, &rl):
		if rl.RetryAfter > maxRetryAfterCap {
			return 0, false // report it; do not freeze for minutes
		}
		if rl.RetryAfter > 0 {
			return rl.RetryAfter, true
		}
		return backoff, true
	case errors.As(err, &se):
		return backoff, se.Status >= 500
	case errors.As(err, &ne):
		return backoff, ne.Op == "connect"
	}
	return 0, false
}

func retryAfter(h http.Header) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// looksHTML is true for markup: an HTML error page from a proxy, or the
// portal's login page when the URL points at the wrong host. JSON never
// starts with '<'.
func looksHTML(body []byte) bool {
	return len(body) > 0 && body[0] == '<'
}

// Bearer returns an Authorize func that sends "Authorization: Bearer <token>".
func Bearer(token string) func(*resty.Request) {
	return func(r *resty.Request) { r.SetAuthToken(token) }
}

// RawAuthorization returns an Authorize func that sends the token as the
// whole Authorization header (Unleash's documented form).
func RawAuthorization(token string) func(*resty.Request) {
	return func(r *resty.Request) { r.SetHeader("Authorization", token) }
}

// silentLogger keeps resty from printing anything: its warnings could name
// URLs, and tokentui draws the whole screen itself.
type silentLogger struct{}

func (silentLogger) Errorf(string, ...any) {}
func (silentLogger) Warnf(string, ...any)  {}
func (silentLogger) Debugf(string, ...any) {}
