# Models arrive with the surveys issue; the app is registered from the start so
# migrations and URLs have a fixed home.
