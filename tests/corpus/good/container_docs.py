def usage():
    print("To run the service in a container:")
    print("  docker run -v $PWD:/app -p 8000:8000 myimage")
    print("Never mount /var/run/docker.sock into it.")
    print("Inside, the app cannot call mount or unshare.")


usage()
